package deliver

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/safetext"
)

// Mailto returns a message as an RFC 6068 mailto: URL, such as
// "mailto:scott@example.com?subject=...&body=...", for xdg-open or open.
//
// The address (from m.To, without its display name, which a mailto URL
// cannot carry) keeps the "@" before its domain and the quotes of a quoted
// local part; everything else outside the URL unreserved set (letters,
// digits, "-", ".", "_", "~") is percent-encoded as UTF-8,
// spaces as %20 and line breaks as %0D%0A. No value can therefore end its
// field or add one, such as bcc. A subject holding a line break or a
// control character is an error, as it is for EML, because a mail client
// copies it into a header.
func Mailto(m *Message) (string, error) {
	var b strings.Builder
	b.WriteString("mailto:")
	if m.To != "" {
		a, err := ParseAddress(m.To)
		if err != nil {
			return "", fmt.Errorf("to %s %v", safetext.Quote(m.To), err)
		}
		writeMailtoAddress(&b, a.Address)
	}
	sep := byte('?')
	subject, err := subjectOf(m)
	if err != nil {
		return "", err
	}
	if subject != "" {
		b.WriteString("?subject=")
		pctEncode(&b, subject, "")
		sep = '&'
	}
	if !utf8.ValidString(m.Reply.Body) {
		return "", fmt.Errorf("the reply's body is not valid UTF-8")
	}
	body := strings.ReplaceAll(m.Reply.Body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	b.WriteByte(sep)
	b.WriteString("body=")
	for i, line := range strings.Split(body, "\n") {
		if i > 0 {
			b.WriteString("%0D%0A")
		}
		pctEncode(&b, line, "")
	}
	return b.String(), nil
}

// writeMailtoAddress writes an address (as net/mail gives it, unquoted)
// as RFC 6068's addr-spec: a local part that is not a dot-atom is quoted
// again, and the quotes and everything else but the "@" before the domain
// are percent-encoded, as in RFC 6068 6.2's %22not%40me%22@example.org.
// Unquoted, "not@me"@example.org would read as another address, and
// "scott,bob@evil.example"@good.example as two.
func writeMailtoAddress(b *strings.Builder, addr string) {
	// String quotes the local part when it must be: <"not@me"@example.org>.
	spec := strings.TrimSuffix(strings.TrimPrefix((&mail.Address{Address: addr}).String(), "<"), ">")
	at := strings.LastIndexByte(spec, '@')
	pctEncode(b, spec[:at], "")
	b.WriteByte('@')
	pctEncode(b, spec[at+1:], "")
}

// pctEncode writes s with every byte outside the unreserved set, and not
// in keep, as %XX.
func pctEncode(b *strings.Builder, s, keep string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperhex[c>>4])
		b.WriteByte(upperhex[c&0xf])
	}
}
