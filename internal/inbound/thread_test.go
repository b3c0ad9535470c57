package inbound

import (
	"fmt"
	"net/mail"
	"strings"
	"testing"
	"time"
)

func TestReplySubject(t *testing.T) {
	for in, want := range map[string]string{
		"Recommendation?":             "Re: Recommendation?",
		"Re: Recommendation?":         "Re: Recommendation?",
		"RE: Re: re: x":               "Re: x",
		"Aw: AW: x":                   "Re: x",
		"Sv: Antw: x":                 "Re: x",
		"Re[2]: x":                    "Re: x",
		"Re^3: x":                     "Re: x",
		"Re : x":                      "Re: x",
		"Re：x":                        "Re: x",
		"Re: [alumni] Re: x":          "Re: [alumni] x",
		"[alumni] Re: x":              "Re: [alumni] x",
		"[alumni] x":                  "Re: [alumni] x",
		"Re: [a] Re: [a] Re: x":       "Re: [a] x",
		"Fwd: x":                      "Re: Fwd: x",
		"Re: Fw: x":                   "Re: Fw: x",
		"Resume review":               "Re: Resume review",
		"Reference: Staff Engineer":   "Re: Reference: Staff Engineer",
		"":                            "Re:",
		"Re:":                         "Re:",
		"  Re:   spaced   ":           "Re: spaced",
		"Recommendation for Zoë, RE:": "Re: Recommendation for Zoë, RE:",
	} {
		if got := ReplySubject(in); got != want {
			t.Errorf("ReplySubject(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReplyHeadersReferences(t *testing.T) {
	var long []string
	for i := range 30 {
		long = append(long, fmt.Sprintf("<%d@example.com>", i))
	}
	for _, tt := range []struct {
		name      string
		m         Message
		inReplyTo string
		refs      string
	}{
		{"first message", Message{MessageID: "<a@x.com>"}, "<a@x.com>", "<a@x.com>"},
		{"no Message-ID", Message{References: []string{"<r@x.com>"}}, "", "<r@x.com>"},
		{"In-Reply-To stands in for References", Message{MessageID: "<b@x.com>", InReplyTo: []string{"<a@x.com>"}}, "<b@x.com>", "<a@x.com> <b@x.com>"},
		{"In-Reply-To of two is not used", Message{MessageID: "<b@x.com>", InReplyTo: []string{"<a@x.com>", "<c@x.com>"}}, "<b@x.com>", "<b@x.com>"},
		{"repeats dropped", Message{MessageID: "<b@x.com>", References: []string{"<a@x.com>", "<b@x.com>"}}, "<b@x.com>", "<a@x.com> <b@x.com>"},
		{
			"long thread trimmed to the first and the last", Message{MessageID: "<new@x.com>", References: long}, "<new@x.com>",
			"<0@example.com> " + strings.Join(long[30-(MaxReferences-2):], " ") + " <new@x.com>",
		},
	} {
		th, err := ReplyHeaders(&tt.m, "pat@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if th.InReplyTo != tt.inReplyTo || strings.Join(th.References, " ") != tt.refs {
			t.Errorf("%s: In-Reply-To %q References %q, want %q %q", tt.name, th.InReplyTo, strings.Join(th.References, " "), tt.inReplyTo, tt.refs)
		}
		if len(th.References) > MaxReferences {
			t.Errorf("%s: %d references", tt.name, len(th.References))
		}
	}
	// The original's slice is not changed by appending to it.
	refs := make([]string, 1, 4)
	refs[0] = "<r@x.com>"
	m := &Message{MessageID: "<m@x.com>", References: refs}
	if _, err := ReplyHeaders(m, "pat@example.com"); err != nil || len(m.References) != 1 || refs[:2][1] != "" {
		t.Errorf("ReplyHeaders changed the original's References: %v", refs[:2])
	}
}

func TestReplyHeadersSender(t *testing.T) {
	for _, bad := range []string{"", "pat", "Pat Morgan", "pat@localhost", "pat@exa_mple.com", "pat@example.com\r\nBcc: x@y.z"} {
		if _, err := ReplyHeaders(&Message{}, bad); err == nil {
			t.Errorf("ReplyHeaders with sender %q: no error", bad)
		}
	}
	th, err := ReplyHeaders(&Message{}, "Pat Morgan <Pat@Mail.Example.COM>")
	if err != nil || !strings.HasSuffix(th.MessageID, "@mail.example.com>") {
		t.Errorf("MessageID %q, %v", th.MessageID, err)
	}
}

func TestNewMessageIDUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 10000 {
		id, err := NewMessageID("example.com")
		if err != nil {
			t.Fatal(err)
		}
		if seen[id] {
			t.Fatalf("%s made twice", id)
		}
		seen[id] = true
		if checkMsgID(id) != "" || !isPlainMsgID(id) {
			t.Fatalf("%s is not a plain message ID", id)
		}
	}
}

// isPlainMsgID reports <dot-atom@dot-atom> of letters, digits and dots.
func isPlainMsgID(id string) bool {
	inner := strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	left, right, ok := strings.Cut(inner, "@")
	return ok && left != "" && isDomain(right) && strings.Trim(left, "abcdefghijklmnopqrstuvwxyz0123456789.") == ""
}

func TestQuoteAndAttribution(t *testing.T) {
	rules := englishRules(t)
	date := time.Date(2026, 12, 1, 9, 14, 0, 0, time.FixedZone("", -8*3600))
	m := &Message{
		From: mail.Address{Name: "Scott Lee", Address: "scott@example.com"},
		Date: date,
		Text: "Hi Pat,\n\nCould you?\n> earlier\n\n\n",
	}
	if got, want := rules.Attribution(m), "On Tue, 1 Dec 2026 at 09:14, Scott Lee <scott@example.com> wrote:"; got != want {
		t.Errorf("Attribution = %q, want %q", got, want)
	}
	q, err := Quote(m)
	if want := "> Hi Pat,\n>\n> Could you?\n>> earlier\n"; err != nil || q != want {
		t.Errorf("Quote = %q, %v; want %q", q, err, want)
	}
	m.Date, m.From.Name = time.Time{}, ""
	if got, want := rules.Attribution(m), "scott@example.com wrote:"; got != want {
		t.Errorf("Attribution without date or name = %q, want %q", got, want)
	}
	// What the policy refuses is left out of the quote, never carried
	// to the recipient's screen nor a reason to refuse: real mail holds
	// invisible characters (U+200B, U+00AD, U+200E, U+FEFF) everywhere.
	for bad, want := range map[string]string{
		"a\x1b[2Jb": "> a[2Jb\n", "right\u202eleft": "> rightleft\n", "nul\x00": "> nul\n",
		"\ufeffHi\u00a0Pat,\u200b\nCan\u00adyou\u200e help?": "> Hi\u00a0Pat,\n> Canyou help?\n",
	} {
		if q, err := Quote(&Message{Text: bad}); err != nil || q != want {
			t.Errorf("Quote(%q) = %q, %v; want %q", bad, q, err, want)
		}
	}
	if _, err := Quote(&Message{Text: "\n \n"}); err == nil {
		t.Error("Quote of an empty text: no error")
	}
}
