package deliver

import (
	"net/mail"
	"net/url"
	"strings"
	"testing"
)

func TestMailtoExact(t *testing.T) {
	tests := []struct {
		m    *Message
		want string
	}{
		{
			newMessage("Scott Lee", "About your request", "Hi Scott,\n\nNo & sorry.\n", "scott@example.com"),
			"mailto:scott@example.com?subject=About%20your%20request&body=Hi%20Scott%2C%0D%0A%0D%0ANo%20%26%20sorry.%0D%0A",
		},
		{
			newMessage("Zoë", "Über + mehr", "Hallo Zoë!\r\n", "Zoë Z <zoe+li@example.de>"),
			"mailto:zoe%2Bli@example.de?subject=%C3%9Cber%20%2B%20mehr&body=Hallo%20Zo%C3%AB%21%0D%0A",
		},
		{
			newMessage("A", "", "x=1?y#z\n", ""),
			"mailto:?body=x%3D1%3Fy%23z%0D%0A",
		},
	}
	for _, tt := range tests {
		got, err := Mailto(tt.m)
		if err != nil {
			t.Fatalf("Mailto: %v", err)
		}
		if got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

// TestMailtoNoNewFields: whatever the subject and body hold, the URL has
// only the fields decline put there, and they read back exactly.
func TestMailtoNoNewFields(t *testing.T) {
	evil := []string{
		"hi&bcc=victim@example.com",
		"hi?bcc=victim@example.com",
		"hi%26bcc=victim@example.com",
		"hi#frag",
		"a+b c",
		"ünïcödé 🙏",
	}
	for _, v := range evil {
		body := "Line one\n" + v + "\nend\n"
		u, err := Mailto(newMessage("A", v, body, "a@example.com"))
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		for _, c := range []string{"+", " ", "\n", "\r", "#"} {
			if strings.Contains(u, c) {
				t.Errorf("%q: URL holds %q: %s", v, c, u)
			}
		}
		parsed, err := url.Parse(u)
		if err != nil {
			t.Fatalf("%q: URL does not parse: %v", v, err)
		}
		q, err := url.ParseQuery(parsed.RawQuery)
		if err != nil {
			t.Fatalf("%q: query does not parse: %v", v, err)
		}
		if len(q) != 2 || len(q["subject"]) != 1 || len(q["body"]) != 1 {
			t.Errorf("%q: fields %v, want only subject and body", v, q)
		}
		if q.Get("subject") != v {
			t.Errorf("subject read back as %q, want %q", q.Get("subject"), v)
		}
		if want := strings.ReplaceAll(body, "\n", "\r\n"); q.Get("body") != want {
			t.Errorf("body read back as %q, want %q", q.Get("body"), want)
		}
		if parsed.Opaque != "a@example.com" {
			t.Errorf("address read back as %q", parsed.Opaque)
		}
	}
}

func TestMailtoRefuses(t *testing.T) {
	for _, m := range []*Message{
		newMessage("A", "x\r\nBcc: v@example.com", "B\n", ""),
		newMessage("A", "x\u2028y", "B\n", ""),
		newMessage("A", "S", "B\n", "a@example.com?bcc=v@example.com"),
		newMessage("A", "S", "B\n", "not an address"),
		newMessage("A", "S", "bad \xff utf-8\n", ""),
	} {
		if u, err := Mailto(m); err == nil {
			t.Errorf("subject %q, to %q accepted: %s", m.Reply.Subject, m.To, u)
		}
	}
}

func FuzzMailto(f *testing.F) {
	f.Add("About your request", "Hi\n\nNo.\n", "a@example.com")
	f.Add("x&bcc=y@z", "%0D%0ABcc: q\r\n", "\"q&x\"@example.com")
	f.Fuzz(func(t *testing.T, subject, body, to string) {
		u, err := Mailto(newMessage("A", subject, body, to))
		if err != nil {
			return
		}
		parsed, err := url.Parse(u)
		if err != nil {
			t.Fatalf("URL %q does not parse: %v", u, err)
		}
		q, err := url.ParseQuery(parsed.RawQuery)
		if err != nil {
			t.Fatalf("query of %q does not parse: %v", u, err)
		}
		for k := range q {
			if k != "subject" && k != "body" {
				t.Errorf("URL %q has a field %q", u, k)
			}
		}
		if strings.ContainsAny(u, "+ \r\n#") {
			t.Errorf("URL %q holds a character it should have encoded", u)
		}
	})
}

// TestMailtoQuotedLocalParts: a quoted local part keeps its quotes,
// percent-encoded as RFC 6068's own examples write them, so that "@" and
// "," inside it cannot make another address.
func TestMailtoQuotedLocalParts(t *testing.T) {
	for to, want := range map[string]string{
		`"not@me"@example.org`:                  "mailto:%22not%40me%22@example.org",
		`"oh\\no"@example.org`:                  "mailto:%22oh%5C%5Cno%22@example.org",
		`"scott,bob@evil.example"@good.example`: "mailto:%22scott%2Cbob%40evil.example%22@good.example",
		`"scott lee"@example.com`:               "mailto:%22scott%20lee%22@example.com",
		`Scott <"a\"b"@example.com>`:            "mailto:%22a%5C%22b%22@example.com",
		"scott@[192.0.2.1]":                     "mailto:scott@%5B192.0.2.1%5D",
	} {
		u, err := Mailto(newMessage("A", "", "B\n", to))
		if err != nil {
			t.Fatalf("%s: %v", to, err)
		}
		if got, _, _ := strings.Cut(u, "?"); got != want {
			t.Errorf("%s: got %s, want %s", to, got, want)
		}
		checkMailtoAddress(t, u, to)
	}
}

// checkMailtoAddress reads a mailto URL's address back as RFC 6068 says:
// split at commas, percent-decode, parse: exactly one address, the one
// given.
func checkMailtoAddress(t *testing.T, u, to string) {
	t.Helper()
	want, err := ParseAddress(to)
	if err != nil {
		t.Fatalf("%q: %v", to, err)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatalf("URL %q does not parse: %v", u, err)
	}
	parts := strings.Split(parsed.Opaque, ",")
	if len(parts) != 1 {
		t.Fatalf("%q: URL %q names %d addresses", to, u, len(parts))
	}
	addr, err := url.PathUnescape(parts[0])
	if err != nil {
		t.Fatalf("%q: URL %q: %v", to, u, err)
	}
	list, err := mail.ParseAddressList(addr)
	if err != nil || len(list) != 1 || list[0].Address != want.Address {
		t.Fatalf("%q: URL %q reads back as %q: %v, %v", to, u, addr, list, err)
	}
}

// FuzzMailtoAddress: any address Mailto accepts reads back from the URL
// as exactly that one address.
func FuzzMailtoAddress(f *testing.F) {
	for _, s := range addressSamples {
		f.Add(s)
	}
	f.Add(`"not@me"@example.org`)
	f.Add(`"scott,bob@evil.example"@good.example`)
	f.Add(`"a?b&c=d#e%41"@example.com`)
	f.Fuzz(func(t *testing.T, to string) {
		u, err := Mailto(newMessage("A", "", "B\n", to))
		if err != nil || to == "" {
			return
		}
		checkMailtoAddress(t, u, to)
	})
}

// TestBlankSubjectIsRefused: a subject of spaces used to drop the
// Subject header (and the mailto field) without a word. A reply's subject
// is never blank unless someone gave a blank one.
func TestBlankSubjectIsRefused(t *testing.T) {
	m := newMessage("A", "  ", "B\n", "a@example.com")
	want := `subject "  " is blank: give one with words in it`
	if _, err := EML(m, EMLOptions{}); err == nil || err.Error() != want {
		t.Errorf("EML: %v, want %s", err, want)
	}
	if _, err := Mailto(m); err == nil || err.Error() != want {
		t.Errorf("Mailto: %v, want %s", err, want)
	}
}
