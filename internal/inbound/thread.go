package inbound

import (
	"encoding/base32"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
)

// MaxReferences caps the identifiers of a reply's References: the first
// one (the thread's start) and the most recent others, as Thunderbird
// and other clients trim long threads (RFC 5322 3.6.4 keeps the whole
// chain, but a header of hundreds of identifiers helps no one).
const MaxReferences = 20

// Threading holds the header values a reply needs to join the original's
// thread. Identifiers keep their angle brackets.
type Threading struct {
	// Subject is "Re: " and the original subject, without stacking.
	Subject string
	// InReplyTo is the original's Message-ID, or empty when it has none.
	InReplyTo string
	// References is the original's References (or, lacking those, its
	// In-Reply-To when that names one message) followed by its
	// Message-ID, trimmed to MaxReferences.
	References []string
	// MessageID is a new identifier for the reply, in the sender's
	// domain.
	MessageID string
}

// ReplyHeaders returns what a reply from sender to m needs to thread:
// subject, In-Reply-To, References and a new Message-ID in the domain of
// sender, an address such as "pat@example.com" or
// "Pat Morgan <pat@example.com>". It fails when sender is not an address.
func ReplyHeaders(m *Message, sender string) (Threading, error) {
	a, err := deliver.ParseAddress(sender)
	if err != nil {
		return Threading{}, fmt.Errorf("the sender's address %s %w", safetext.Quote(sender), err)
	}
	id, err := NewMessageID(a.Address[strings.LastIndexByte(a.Address, '@')+1:])
	if err != nil {
		return Threading{}, err
	}
	t := Threading{Subject: ReplySubject(m.Subject), InReplyTo: m.MessageID, MessageID: id}
	refs := m.References
	if len(refs) == 0 && len(m.InReplyTo) == 1 {
		refs = m.InReplyTo
	}
	if m.MessageID != "" {
		refs = append(refs[:len(refs):len(refs)], m.MessageID)
	}
	t.References = TrimReferences(refs, MaxReferences)
	return t, nil
}

// TrimReferences keeps the first identifier and the last max-1 of refs
// when there are more than max, dropping repeats.
func TrimReferences(refs []string, max int) []string {
	seen := make(map[string]bool, len(refs))
	out := make([]string, 0, min(len(refs), max))
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	if len(out) > max && max > 0 {
		out = append(out[:1], out[len(out)-(max-1):]...)
	}
	return out
}

// replyPrefixes are the reply markers of mail clients in many languages
// (Re, Aw in German, Sv in Scandinavian, Antw in Dutch, Odp in Polish,
// Ynt in Turkish, Vs in Finnish, Res in Portuguese), compared
// without case. Fwd and Fw are not among them: a reply to a forwarded
// message says so ("Re: Fwd: ...").
var replyPrefixes = []string{"re", "aw", "sv", "antw", "odp", "ynt", "vs", "res"}

// ReplySubject returns "Re: " and subject without the reply markers it
// already has: "RE: Aw: x" gives "Re: x", "Re: [team] Re: x" gives
// "Re: [team] x", and "Re[2]: x" gives "Re: x". An empty subject gives
// "Re:". One that would be longer than safetext.MaxLen is cut to it.
func ReplySubject(subject string) string {
	var tags []string
	s := strings.TrimSpace(subject)
	for {
		if rest, ok := cutReplyPrefix(s); ok {
			s = rest
			continue
		}
		// A list tag such as "[team]" stays, once, before the subject.
		if strings.HasPrefix(s, "[") {
			if end := strings.IndexByte(s, ']'); end > 0 {
				tag := s[:end+1]
				if rest, ok := cutReplyPrefix(strings.TrimSpace(s[end+1:])); ok {
					if !slices.Contains(tags, tag) {
						tags = append(tags, tag)
					}
					s = rest
					continue
				}
			}
		}
		break
	}
	parts := append([]string{"Re:"}, tags...)
	if s != "" {
		parts = append(parts, s)
	}
	// A subject near the policy's limit would go over it with "Re: ":
	// it is cut, at a character, and ends in "…", rather than refused.
	out := strings.Join(parts, " ")
	if len(out) > safetext.MaxLen {
		n := safetext.MaxLen - len("…")
		for n > 0 && !utf8.RuneStart(out[n]) {
			n--
		}
		out = out[:n] + "…"
	}
	return out
}

// cutReplyPrefix removes one reply marker ("Re:", "RE :", "Re[2]:",
// "Re^2:", "Aw:") from the start of s.
func cutReplyPrefix(s string) (string, bool) {
	for _, p := range replyPrefixes {
		if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
			continue
		}
		rest := s[len(p):]
		switch {
		case strings.HasPrefix(rest, "["):
			if end := strings.IndexByte(rest, ']'); end > 0 && isDigits(rest[1:end]) {
				rest = rest[end+1:]
			}
		case strings.HasPrefix(rest, "^"):
			n := 1
			for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
				n++
			}
			rest = rest[n:]
		}
		rest = strings.TrimLeft(rest, " ")
		for _, colon := range []string{":", "："} { // the second is full-width, from CJK clients
			if after, ok := strings.CutPrefix(rest, colon); ok {
				return strings.TrimSpace(after), true
			}
		}
	}
	return s, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// idEncoding writes Message-ID parts in lower-case letters and digits.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewMessageID returns a new Message-ID, with angle brackets, in domain:
// the time in nanoseconds and 80 random bits. The runtime's ChaCha8
// generator is seeded from the system and costs nothing at start-up; a
// Message-ID needs to be unique, not secret, so crypto/rand would add
// cost for nothing.
func NewMessageID(domain string) (string, error) {
	if !isDomain(domain) {
		return "", fmt.Errorf("cannot make a message ID in the domain %s: it is not a domain name", safetext.Quote(domain))
	}
	var b [10]byte
	u, v := rand.Uint64(), rand.Uint32()
	for i := range 8 {
		b[i] = byte(u >> (8 * i))
	}
	b[8], b[9] = byte(v), byte(v>>8)
	return "<" + strconv.FormatInt(time.Now().UnixNano(), 36) + "." + idEncoding.EncodeToString(b[:]) + "@" + strings.ToLower(domain) + ">", nil
}

// isDomain reports whether s is a domain name of letters, digits and
// hyphens, with at least one dot (an address at "localhost" has no
// domain to make identifiers in).
func isDomain(s string) bool {
	if len(s) == 0 || len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// Attribution returns the line above a quoted original, such as "On
// Tue, 1 Dec 2026 at 09:14, Scott Lee <scott@example.com> wrote:", worded
// by r's attribution rules and dated in the original's own time zone.
func (r *Rules) Attribution(m *Message) string {
	from := m.From.Address
	if m.From.Name != "" {
		// The line is text, not a header: the name as it reads.
		from = m.From.Name + " <" + m.From.Address + ">"
	}
	if m.Date.IsZero() {
		return strings.ReplaceAll(r.AttributionLine.WithoutDate, "{from}", from)
	}
	line := strings.ReplaceAll(r.AttributionLine.WithDate, "{date}", m.Date.Format(r.AttributionLine.DateLayout))
	return strings.ReplaceAll(line, "{from}", from)
}

// BodyError reports message text that the text policy refuses to copy
// into a reply.
type BodyError struct {
	Reason string // as safetext gives it, such as "contains an escape character (U+001B)"
}

// Error says what the text holds.
func (e *BodyError) Error() string { return "the message's text " + e.Reason }

// Quote returns m's text quoted for a reply: each line after "> " (">"
// alone for a blank line, and no space between markers, so that quotes
// within it nest as "> >" becomes ">>"), blank lines at the end left
// out. Characters the text policy refuses are left out of it: real mail
// is full of invisible ones (a zero-width space U+200B, a soft hyphen
// U+00AD, a direction mark U+200E, a byte order mark U+FEFF), and the
// quoted text is the requester's, not the user's, so they are dropped
// rather than the quote refused; escapes and direction controls go too,
// so the reply never carries them to the recipient's screen.
func Quote(m *Message) (string, error) {
	text := strings.TrimRight(visible(m.Text), "\n\t ")
	if p := safetext.Check(text, true); p != nil {
		return "", &BodyError{Reason: p.Reason}
	}
	if text == "" {
		return "", errors.New("the message has no text to quote")
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/20)
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "":
			b.WriteString(">")
		case strings.HasPrefix(line, ">"):
			b.WriteString(">" + line)
		default:
			b.WriteString("> " + line)
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// visible returns text without the characters the text policy refuses,
// line breaks and tabs kept.
func visible(text string) string {
	if safetext.Check(text, true) == nil {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		if c := text[i : i+size]; safetext.Check(c, true) == nil {
			b.WriteString(c)
		}
		i += size
	}
	return b.String()
}
