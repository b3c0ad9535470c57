package deliver

import (
	"encoding/base32"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/safetext"
)

// EMLOptions are the parts of an email that do not come from the reply.
// The zero value is ready to use.
type EMLOptions struct {
	// Date is the Date header; the zero time means now.
	Date time.Time
	// MessageID is the Message-ID, with or without its angle brackets,
	// such as "abc123@example.com". Empty means a fresh random one.
	MessageID string
	// From is the sender's address in any form ParseAddress accepts.
	// Empty leaves out the From header, which sendmail, msmtp or the
	// mail client then fills in.
	From string
	// InReplyTo and References thread a reply to the message it answers:
	// identifiers with their angle brackets, such as "<a1@example.com>".
	// Empty leaves the headers out.
	InReplyTo  string
	References []string
}

// maxBodyLine7bit is the longest body line sent as 7bit; a longer one
// makes the body quoted-printable, which folds it without changing it.
const maxBodyLine7bit = 78

// EML returns a message as an RFC 5322 email, ready for "sendmail -t",
// "msmtp -t", "mutt -H" or a file with the .eml extension.
//
// The headers are Date, From (when opts.From is set), To (when m.To is
// set; the reply's name becomes the display name when the address has
// none), Subject, Message-ID, MIME-Version and a text/plain UTF-8
// Content-Type. Every header is built here from parsed parts: a value
// holding a line break, a control character or invalid UTF-8 is an error,
// non-ASCII text is RFC 2047 encoded, and lines are folded to 76 octets
// (an address too long for that stands on a line of its own).
// The body is 7bit when it is short-lined printable ASCII and
// quoted-printable otherwise; quoted-printable also hides a line that
// starts with "From " or is a lone ".", so the message can go into an mbox
// or through "sendmail -t" unchanged. Lines end in LF, the convention for
// a message handed to a local program.
//
// With opts.Date and opts.MessageID set the output depends only on its
// arguments. Errors name the field at fault, such as `to "x" is not an
// email address (...)`.
func EML(m *Message, opts EMLOptions) ([]byte, error) {
	var h headerBuf
	date := opts.Date
	if date.IsZero() {
		date = time.Now()
	}
	h.field("Date", []string{date.Format(time.RFC1123Z)})

	var fromDomain string
	if opts.From != "" {
		a, err := ParseAddress(opts.From)
		if err != nil {
			return nil, fmt.Errorf("from %s %v", safetext.Quote(opts.From), err)
		}
		if err := checkValue("from name", a.Name); err != nil {
			return nil, err
		}
		h.field("From", addressSegments(strings.TrimSpace(a.Name), "From", a.Address))
		fromDomain = a.Address[strings.LastIndexByte(a.Address, '@')+1:]
	}
	if m.To != "" {
		a, err := ParseAddress(m.To)
		if err != nil {
			return nil, fmt.Errorf("to %s %v", safetext.Quote(m.To), err)
		}
		name := strings.TrimSpace(a.Name)
		if name == "" {
			name = strings.TrimSpace(m.Reply.Name)
		}
		if err := checkValue("to name", name); err != nil {
			return nil, err
		}
		h.field("To", addressSegments(name, "To", a.Address))
	}
	subject, err := subjectOf(m)
	if err != nil {
		return nil, err
	}
	if subject != "" {
		h.field("Subject", unstructured("Subject", subject))
	}
	id, err := messageID(opts.MessageID, fromDomain)
	if err != nil {
		return nil, err
	}
	h.field("Message-ID", []string{"<" + id + ">"})
	if opts.InReplyTo != "" {
		ids, err := msgIDs("in-reply-to", []string{opts.InReplyTo})
		if err != nil {
			return nil, err
		}
		h.field("In-Reply-To", ids)
	}
	if len(opts.References) > 0 {
		ids, err := msgIDs("references", opts.References)
		if err != nil {
			return nil, err
		}
		h.field("References", ids)
	}
	h.field("MIME-Version", []string{"1.0"})
	h.field("Content-Type", []string{"text/plain;", " charset=utf-8"})

	body := m.Reply.Body
	if !utf8.ValidString(body) {
		return nil, fmt.Errorf("the reply's body is not valid UTF-8")
	}
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	out := h.b
	if is7bit(body) {
		out = append(out, "Content-Transfer-Encoding: 7bit\n\n"...)
		out = append(out, body...)
	} else {
		out = append(out, "Content-Transfer-Encoding: quoted-printable\n\n"...)
		out = appendQP(out, body)
	}
	return out, nil
}

// messageID checks a Message-ID the caller gave, or makes a random one.
func messageID(id, domain string) (string, error) {
	if id == "" {
		// A Message-ID must be unique, not secret: the runtime's ChaCha8
		// generator (seeded from the system) is enough, and keeps the
		// crypto packages, and their start-up cost, out of the binary.
		var b [15]byte
		for i := range b {
			b[i] = byte(rand.Uint32())
		}
		if domain == "" || !isDotAtom(domain) {
			domain = "decline.invalid"
		}
		return strings.ToLower(base32.StdEncoding.EncodeToString(b[:])) + "@" + domain, nil
	}
	id = strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	at := strings.LastIndexByte(id, '@')
	if at < 0 || !isDotAtom(id[:at]) || !isDotAtom(id[at+1:]) || len(id)+len("Message-ID: <>") > maxHeaderLine {
		return "", fmt.Errorf("message ID %s is not of the form left@right (letters, digits, dots and RFC 5322 atext, up to %d characters)", safetext.Quote(id), maxHeaderLine-len("Message-ID: <>"))
	}
	return id, nil
}

// maxIDLine caps an identifier of In-Reply-To or References: with the
// field's name or the folding space before it, it fits the 998 octets
// RFC 5322 allows a line.
const maxIDLine = 980

// IsMessageID reports whether id is a message identifier a reply can
// carry in In-Reply-To or References: "<left@right>", both sides
// dot-atom text, at most maxIDLine characters in all.
func IsMessageID(id string) bool {
	if len(id) < 2 || id[0] != '<' || id[len(id)-1] != '>' || len(id) > maxIDLine {
		return false
	}
	inner := id[1 : len(id)-1]
	at := strings.LastIndexByte(inner, '@')
	return at >= 0 && isDotAtom(inner[:at]) && isDotAtom(inner[at+1:])
}

// msgIDs checks message identifiers and returns them as the segments of
// an In-Reply-To or References field: each on its own segment, so a long
// list folds between identifiers.
func msgIDs(field string, ids []string) ([]string, error) {
	segs := make([]string, 0, len(ids))
	for i, id := range ids {
		if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, ">") {
			return nil, fmt.Errorf("%s %s is not a message identifier in angle brackets", field, safetext.Quote(id))
		}
		// Other programs' identifiers may be longer than the ones
		// decline makes (Outlook's are): one stands on a line of its own
		// when it must, within RFC 5322's hard limit of 998 octets.
		checked := id[1 : len(id)-1]
		if !IsMessageID(id) {
			return nil, fmt.Errorf("%s %s is not a message identifier of the form <left@right> (letters, digits, dots and RFC 5322 atext, up to %d characters)", field, safetext.Quote(id), maxIDLine)
		}
		if i > 0 {
			segs = append(segs, " <"+checked+">")
		} else {
			segs = append(segs, "<"+checked+">")
		}
	}
	return segs, nil
}

// isDotAtom reports whether s is RFC 5322 dot-atom-text.
func isDotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '.' && !isAtext(s[i]) {
			return false
		}
	}
	return true
}

// is7bit reports whether a body (LF line endings, ending in LF) can be
// sent as it is: printable ASCII and tabs, no line longer than
// maxBodyLine7bit, no trailing white space a transport might strip, and
// no line that an mbox or "sendmail -t" would read as something else.
func is7bit(body string) bool {
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		if len(line) > maxBodyLine7bit || line == "." || strings.HasPrefix(line, "From ") {
			return false
		}
		if n := len(line); n > 0 && (line[n-1] == ' ' || line[n-1] == '\t') {
			return false
		}
		for i := 0; i < len(line); i++ {
			if c := line[i]; (c < 0x20 && c != '\t') || c > 0x7e {
				return false
			}
		}
	}
	return true
}

// maxQPLine is the longest encoded line, soft break included (RFC 2045
// 6.7 rule 5).
const maxQPLine = 76

// appendQP appends body (LF line endings, ending in LF) encoded as
// quoted-printable. Long lines get soft breaks after a space where there
// is one, so the raw text stays readable. Beyond RFC 2045's rules, a "."
// or the "F" of "From " that starts a line is encoded too, so that no line
// can end a message read by "sendmail -t" or start a new one in an mbox.
func appendQP(dst []byte, body string) []byte {
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		for start := 0; ; {
			// Find the longest run from start that fits on one encoded
			// line, keeping room for the "=" of a soft break unless the
			// run reaches the end of the line.
			col, end, brk := 0, start, -1
			for end < len(line) {
				n := qpLen(line, end, end == start)
				limit := maxQPLine - 1
				if end == len(line)-1 {
					limit = maxQPLine
				}
				if col+n > limit {
					break
				}
				col += n
				end++
				if c := line[end-1]; (c == ' ' || c == '\t') && end < len(line) {
					brk = end
				}
			}
			if end < len(line) && brk > start {
				end = brk
			}
			for i := start; i < end; i++ {
				if c := line[i]; qpLen(line, i, i == start) == 1 {
					dst = append(dst, c)
				} else {
					dst = append(dst, '=', upperhex[c>>4], upperhex[c&0xf])
				}
			}
			if end == len(line) {
				break
			}
			dst = append(dst, '=', '\n')
			start = end
		}
		dst = append(dst, '\n')
	}
	return dst
}

// qpLen is how many octets line[i] takes encoded: 1 when it may be
// written as itself, 3 when it is written as =XX.
func qpLen(line string, i int, lineStart bool) int {
	if qpLiteral(line, i, lineStart) {
		return 1
	}
	return 3
}

// qpLiteral reports whether line[i] may be written as itself.
func qpLiteral(line string, i int, lineStart bool) bool {
	c := line[i]
	switch {
	case c == ' ' || c == '\t':
		return i < len(line)-1
	case c == '=' || c < 0x20 || c > 0x7e:
		return false
	case lineStart && (c == '.' || c == 'F' && strings.HasPrefix(line[i:], "From ")):
		return false
	}
	return true
}
