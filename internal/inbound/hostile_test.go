package inbound

import (
	"strings"
	"testing"
)

// Several Reply-To (or X-Original-From) addresses, none of them From's,
// are not guessed: the reply went to the first, under From's name.
func TestSeveralReplyToNotGuessed(t *testing.T) {
	for name, header := range map[string]string{
		"Reply-To":        "From: Kim Park <kim@x.com>\nReply-To: boss@x.com, other@y.com\n",
		"X-Original-From": "From: Kim via Alumni <alumni@lists.example>\nReply-To: alumni@lists.example\nX-Original-From: boss@x.com, other@y.com\n",
	} {
		t.Run(name, func(t *testing.T) {
			m, err := Parse(strings.NewReader(header + "Subject: hi\n\nhi\n"))
			if err != nil {
				t.Fatal(err)
			}
			want := "the " + name + " header gives 2 addresses (boss@x.com, other@y.com)"
			if m.Requester.Address != "" || m.NoRequester != want {
				t.Errorf("Requester %s, NoRequester %q; want none, %q", m.Requester.String(), m.NoRequester, want)
			}
		})
	}
}

// A display name that holds an address is no name: it would put that
// address in the reply's To: beside the real one.
func TestNameHoldingAnAddress(t *testing.T) {
	rules := englishRules(t)
	for _, from := range []string{
		`"Scott Lee <boss@company.com>" <attacker@evil.example>`,
		`"boss@company.com (Scott Lee)" <attacker@evil.example>`,
		`"Scott Lee, boss@company.com" <attacker@evil.example>`,
	} {
		m, err := Parse(strings.NewReader("From: " + from + "\nSubject: reference\n\nCould you be a reference for me?\n"))
		if err != nil {
			t.Fatal(err)
		}
		if req := rules.Detect(m); req.Name != "" || req.Address != "attacker@evil.example" {
			t.Errorf("%s: name %q, address %q", from, req.Name, req.Address)
		}
	}
	for _, keep := range []string{"Scott @ Acme", "Scott Lee (@scottlee)"} {
		if got, _ := personalName(keep); got == "" {
			t.Errorf("personalName(%q) dropped", keep)
		}
	}
}
