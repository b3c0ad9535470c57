package inbound

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/safetext"
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

// A message identifier a reply cannot carry does not stop the reply:
// it is left out of the threading, and ThreadNote says which header
// held what.
func TestUnusualMessageIDs(t *testing.T) {
	for _, tt := range []struct{ header, id, refs, note string }{
		{"Message-ID: <>", "", "", `the Message-ID header holds the message identifier "<>", which is empty`},
		{`Message-ID: <"quoted local"@x>`, "", "", `the Message-ID header holds the message identifier "<\"quoted local\"@x>", which is not of the form`},
		{"Message-ID: <abc@[1.2.3.4]>", "", "", `the Message-ID header holds the message identifier "<abc@[1.2.3.4]>", which is not`},
		{"Message-ID: <a@x", "", "", "the Message-ID header holds a message identifier with no closing '>'"},
		{"Message-ID: <" + strings.Repeat("a", 2000) + "@x>", "", "", `the Message-ID header holds the message identifier "<aaaa`},
		{"Message-ID: <ok@x>\nReferences: <a@x> <b c@x> <d@x>", "<ok@x>", "<a@x> <d@x>", `the In-Reply-To or References header holds the message identifier "<b c@x>"`},
		{"Message-ID: <a b@example.com>", "", "", `the Message-ID header holds the message identifier "<a b@example.com>"`},
		{"Message-ID: <ok@x>\nReferences: <a@example.com> <b@example", "<ok@x>", "<a@example.com>", "the In-Reply-To or References header holds a message identifier with no closing '>'"},
		{"Message-ID: <ok@x>\nIn-Reply-To: <é@example.com>", "<ok@x>", "", `the In-Reply-To or References header holds the message identifier "<é@example.com>"`},
	} {
		m, err := Parse(strings.NewReader("From: a@example.com\n" + tt.header + "\n\nhi\n"))
		if err != nil {
			t.Errorf("%.60q: %v", tt.header, err)
			continue
		}
		if m.MessageID != tt.id || strings.Join(m.References, " ") != tt.refs || !strings.HasPrefix(m.ThreadNote, tt.note) || len(m.ThreadNote) > 250 {
			t.Errorf("%.60q: Message-ID %q, References %q, note %q; want %q, %q, %q", tt.header, m.MessageID, m.References, m.ThreadNote, tt.id, tt.refs, tt.note)
		}
	}
}

// A subject at the policy's limit still gets its "Re: ", cut to the
// limit at a character, not refused.
func TestReplySubjectAtTheLimit(t *testing.T) {
	for _, subject := range []string{strings.Repeat("x", safetext.MaxLen-2), strings.Repeat("é", safetext.MaxLen/2)} {
		got := ReplySubject(subject)
		if len(got) > safetext.MaxLen || !strings.HasPrefix(got, "Re: ") || !strings.HasSuffix(got, "…") || safetext.Check(got, false) != nil {
			t.Errorf("ReplySubject of %d bytes gives %d bytes: %.20q…%q", len(subject), len(got), got, got[len(got)-8:])
		}
	}
	if got := ReplySubject("Re: short"); got != "Re: short" {
		t.Errorf("ReplySubject(short) = %q", got)
	}
}
