package deliver

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"

	"github.com/decline-cli/decline/internal/safetext"
)

// Header lines are kept to 76 octets: RFC 5322 2.1.1 asks for at most 78
// (and forbids more than 998), and RFC 2047 2 asks for at most 76 on a
// line that holds encoded-words.
const (
	maxHeaderLine  = 76
	maxEncodedWord = 75
	// MaxAddress caps the length of one address, as SMTP does (RFC 5321
	// 4.5.3.1.3 allows a 256-octet path, angle brackets included).
	MaxAddress = 254
)

// headerBuf builds header fields. Every value reaches it as a list of
// segments: the first is the start of the field body, and each later one
// begins with white space, where the field may be folded. Folding inserts
// a line break before a segment and nothing else, so unfolding gives back
// the value exactly.
type headerBuf struct {
	b []byte
}

func (h *headerBuf) field(name string, segs []string) {
	h.b = append(h.b, name...)
	h.b = append(h.b, ':', ' ')
	col := len(name) + 2
	for i, s := range segs {
		if i > 0 && col+len(s) > maxHeaderLine {
			h.b = append(h.b, '\n')
			col = 0
		}
		h.b = append(h.b, s...)
		col += len(s)
	}
	h.b = append(h.b, '\n')
}

// checkValue applies the outside-text policy to a header value: no line
// break of any kind, no control or direction character, valid UTF-8. It
// is why no value can ever start a header of its own.
func checkValue(field, v string) error {
	if p := safetext.Check(v, false); p != nil {
		return fmt.Errorf("%s %s %s", field, safetext.Quote(v), p.Reason)
	}
	return nil
}

// subjectOf returns a message's subject, trimmed and checked: empty when
// it has none. A subject of spaces is an error: it would drop the header
// without a word, and a reply's own subject is never blank.
func subjectOf(m *Message) (string, error) {
	subject := strings.TrimSpace(m.Reply.Subject)
	if subject == "" && m.Reply.Subject != "" {
		if err := checkValue("subject", m.Reply.Subject); err != nil {
			return "", err
		}
		return "", fmt.Errorf("subject %s is blank: give one with words in it", safetext.Quote(m.Reply.Subject))
	}
	return subject, checkValue("subject", subject)
}

// unstructured returns the segments of an unstructured field body such as
// a subject: plain words where they are printable ASCII and fit on a line,
// RFC 2047 encoded-words otherwise.
func unstructured(name, v string) []string {
	if segs, ok := plainSegments(name, v); ok {
		return segs
	}
	return encodedWords(v, maxHeaderLine-len(name)-2)
}

// plainSegments splits v at spaces into foldable segments, and reports
// false if v must be encoded instead: it holds anything but printable
// ASCII, something a reader could take for an encoded-word, or a word
// too long to fit on a line of its own.
func plainSegments(name, v string) ([]string, bool) {
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return nil, false
		}
	}
	if strings.Contains(v, "=?") {
		return nil, false
	}
	var segs []string
	for start := 0; start < len(v); {
		end := start
		for end < len(v) && v[end] == ' ' {
			end++
		}
		for end < len(v) && v[end] != ' ' {
			end++
		}
		segs = append(segs, v[start:end])
		start = end
	}
	for i, s := range segs {
		room := maxHeaderLine
		if i == 0 {
			room -= len(name) + 2
		}
		if len(s) > room {
			return nil, false
		}
	}
	return segs, true
}

// encodedWords encodes v as RFC 2047 "Q" encoded-words in UTF-8, the
// first at most first octets long and the others at most 75, each later
// one preceded by the space a reader drops between encoded-words. It
// writes only letters, digits and "!*+-/" as themselves, so the words are
// valid in a display name (RFC 2047 5(3)) as well as in a subject.
func encodedWords(v string, first int) []string {
	const prefix, suffix = "=?utf-8?q?", "?="
	var segs []string
	var w []byte
	room := min(first, maxEncodedWord)
	w = append(w, prefix...)
	payload := 0
	var enc []byte
	for _, r := range v {
		enc = enc[:0]
		for _, c := range utf8.AppendRune(nil, r) {
			switch {
			case c == ' ':
				enc = append(enc, '_')
			case qLiteral(c):
				enc = append(enc, c)
			default:
				enc = append(enc, '=', upperhex[c>>4], upperhex[c&0xf])
			}
		}
		if payload > 0 && len(w)+len(enc)+len(suffix) > room {
			segs = append(segs, string(append(w, suffix...)))
			// A later word goes after a space, on a line of its own if
			// need be.
			room = maxEncodedWord + 1
			w = append(w[:0], ' ')
			w = append(w, prefix...)
			payload = 0
		}
		w = append(w, enc...)
		payload += len(enc)
	}
	return append(segs, string(append(w, suffix...)))
}

const upperhex = "0123456789ABCDEF"

func qLiteral(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '!' || c == '*' || c == '+' || c == '-' || c == '/'
}

// ParseAddress parses one email address, such as "scott@example.com" or
// "Scott Lee <scott@example.com>", the way --to and a batch's email column
// give it. The error says what is wrong with the value, to follow it.
func ParseAddress(s string) (*mail.Address, error) {
	if p := safetext.Check(s, false); p != nil {
		return nil, p
	}
	// net/mail drops comments, so "(Bcc: x@y)" would vanish without a
	// word: outside text is refused, never cleaned.
	if hasComment(s) {
		return nil, errors.New("holds a comment in parentheses, which would be dropped: remove it (write it like scott@example.com, or Scott Lee <scott@example.com>)")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, errors.New("is not an email address (write it like scott@example.com, or Scott Lee <scott@example.com>)")
	}
	// net/mail decodes RFC 2047 encoded-words in the display name, so
	// "=?utf-8?q?A=0D=0ABcc:...?=" becomes a name holding a line break:
	// the decoded name meets the policy too, whatever the format.
	if p := safetext.Check(a.Name, false); p != nil {
		return nil, fmt.Errorf("has a display name that, decoded, %s", p.Reason)
	}
	// It leaves them as they are in a quoted name, but lenient readers
	// (Python's email package among them) decode those too: a name that
	// any reader would decode to a line break is refused as well.
	if strings.Contains(a.Name, "=?") {
		if p := safetext.Check(decodeLeniently(a.Name), false); p != nil {
			return nil, fmt.Errorf("has a display name that, decoded, %s", p.Reason)
		}
	}
	if !isPrintableASCII(a.Address) {
		addr, err := internationalAddress(a.Address)
		if err != nil {
			return nil, err
		}
		a.Address = addr
	}
	if len(a.Address) > MaxAddress {
		return nil, fmt.Errorf("is longer than the %d characters an email address may have", MaxAddress)
	}
	return a, nil
}

// internationalAddress is an address with characters other than ASCII
// as it is sent: its domain (an international domain name, such as
// bücher.example) in the ASCII form that every server and header takes
// (xn--bcher-kva.example, by IDNA's lookup rules, as a browser would),
// and its local part, which has no ASCII form, in Unicode's composed
// form (NFC, as RFC 6532 asks). Such a local part can only be sent
// through a server that takes it (SMTPUTF8: see NeedsUTF8).
func internationalAddress(addr string) (string, error) {
	at := strings.LastIndexByte(addr, '@')
	local, domain := addr[:at], addr[at+1:]
	if !isPrintableASCII(domain) {
		// IDNA's lookup rules, as a browser applies them, with the
		// lengths DNS allows (63 octets a label, 253 the name).
		ascii, err := idna.New(idna.MapForLookup(), idna.BidiRule(), idna.VerifyDNSLength(true)).ToASCII(domain)
		if err != nil {
			return "", fmt.Errorf("has a domain name that is not a valid international domain name (%s)", safetext.Escape(strings.TrimPrefix(err.Error(), "idna: ")))
		}
		domain = ascii
	}
	return norm.NFC.String(local) + "@" + domain, nil
}

// NeedsUTF8 reports whether the address (as ParseAddress gives it) has
// characters other than ASCII in its local part, which a mail server
// takes only when it offers SMTPUTF8 (RFC 6531), and a message that
// carries it in a header is one of RFC 6532's.
func NeedsUTF8(addr string) bool { return !isPrintableASCII(addr) }

// hasComment reports whether s holds a "(" outside a quoted string and a
// domain literal: the start of an RFC 5322 comment.
func hasComment(s string) bool {
	if !strings.Contains(s, "(") {
		return false
	}
	quoted, literal := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && (quoted || literal):
			i++
		case c == '"' && !literal:
			quoted = !quoted
		case c == '[' && !quoted:
			literal = true
		case c == ']' && !quoted:
			literal = false
		case c == '(' && !quoted && !literal:
			return true
		}
	}
	return false
}

// lenientDecoder decodes every encoded-word it finds, in any charset: one
// it does not know passes its bytes through unchanged, as lenient readers
// do, so that a line break cannot hide behind an unknown charset.
var lenientDecoder = &mime.WordDecoder{CharsetReader: func(_ string, r io.Reader) (io.Reader, error) { return r, nil }}

// decodeLeniently is s with every encoded-word in it decoded, wherever it
// stands.
func decodeLeniently(s string) string {
	d, err := lenientDecoder.DecodeHeader(s)
	if err != nil {
		return s
	}
	return d
}

// addressSegments returns the segments of one address field body: the
// display name (as atoms, a quoted string or encoded-words), then the
// address in angle brackets. A name holding "=?" is always written as
// encoded-words of its own text: quoted, a lenient reader would decode
// it as if it were encoded-words itself.
func addressSegments(name, fieldName string, addr string) []string {
	angle := (&mail.Address{Address: addr}).String()
	if name == "" {
		return []string{angle}
	}
	var segs []string
	switch {
	case isAtomPhrase(name):
		segs, _ = plainSegments(fieldName, name)
	case isPrintableASCII(name) && !strings.Contains(name, "=?") && len(name)+len(fieldName)+4+2*strings.Count(name, `"`)+2*strings.Count(name, `\`) <= maxHeaderLine:
		q := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name)
		segs = []string{`"` + q + `"`}
	default:
		segs = encodedWords(name, maxHeaderLine-len(fieldName)-2)
	}
	return append(segs, " "+angle)
}

// isAtomPhrase reports whether a display name can be written as it is:
// words of RFC 5322 atext separated by single spaces, each short enough
// to fit on a line.
func isAtomPhrase(s string) bool {
	if s == "" || strings.Contains(s, "=?") {
		return false
	}
	for _, w := range strings.Split(s, " ") {
		if w == "" || len(w) > maxHeaderLine/2 {
			return false
		}
		for i := 0; i < len(w); i++ {
			if !isAtext(w[i]) {
				return false
			}
		}
	}
	return true
}

// isAtext reports whether c is RFC 5322 atext.
func isAtext(c byte) bool {
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
		return true
	}
	return strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
