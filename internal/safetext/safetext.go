// Package safetext decides which outside text decline will accept.
//
// Names, CSV cells, --set values, configuration values, template text and
// the names of files decline reads come from people decline has never
// met. The policy is to reject, never to clean silently: text holding
// invalid UTF-8, a C0 control (tab and newline included, except in
// multi-line text), DEL, a C1 control (U+0080 to U+009F, which includes
// the one-character CSI U+009B), a bidirectional formatting character
// (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C) or a
// Unicode line or paragraph separator is refused with an error that shows
// the value safely quoted (Quote). Nothing such text holds can then reach
// a terminal, a file or a header. Escape is the last guard on every
// message decline prints.
package safetext

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLen caps one outside value, in bytes.
const MaxLen = 1024

// Problem describes why a value was refused.
type Problem struct {
	Rune   rune // the offending character, or utf8.RuneError for bad UTF-8
	Offset int  // byte offset in the value
	Reason string
}

func (p *Problem) Error() string { return p.Reason }

// Check reports the first reason value is not acceptable, or nil.
// Multi-line text may also hold tabs and newlines; single-line text is
// also capped at MaxLen bytes.
func Check(value string, multiline bool) *Problem {
	if len(value) > MaxLen && !multiline {
		return &Problem{Offset: MaxLen, Reason: fmt.Sprintf("is %d bytes long, more than the %d allowed", len(value), MaxLen)}
	}
	return checkChars(value, multiline)
}

// CheckPath applies the policy to the name of a file or directory that
// decline reads or writes and may print (a template file, a batch input,
// an output directory): one line of acceptable characters, of any length.
// Such a name comes from whoever made the file, so it is checked like
// any other outside text before decline ever prints it. what says what
// the path is, such as "template file", and starts the error.
func CheckPath(what, path string) error {
	if p := checkChars(path, false); p != nil {
		// Quoted whole, unlike Quote: the name that matters is at the end.
		return fmt.Errorf("%s %s %s; rename it", what, strconv.QuoteToGraphic(path), p.Reason)
	}
	return nil
}

func checkChars(value string, multiline bool) *Problem {
	// Most text is printable ASCII: skip it a byte at a time.
	start := 0
	for start < len(value) && value[start] >= 0x20 && value[start] < 0x7f {
		start++
	}
	if start == len(value) {
		return nil
	}
	for i, r := range value[start:] {
		i += start
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(value[i:]); size == 1 {
				return &Problem{Rune: r, Offset: i, Reason: "is not valid UTF-8"}
			}
		}
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if reason := forbidden(r); reason != "" {
			return &Problem{Rune: r, Offset: i, Reason: fmt.Sprintf("contains %s (U+%04X)", reason, r)}
		}
	}
	return nil
}

// TrimSpace trims the white space the policy allows (spaces, including
// no-break and other Unicode spaces) from both ends of s, and nothing
// else: a tab, a line break, NEL (U+0085) or a line separator at the end
// of a cell stays, for Check to refuse, as it would in a flag. Trimming
// them too (strings.TrimSpace would) would clean outside text instead of
// refusing it, and only where it came from a file.
func TrimSpace(s string) string {
	// Most cells have nothing to trim, or ASCII spaces: no rune decoding
	// unless an end is not ASCII.
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	if len(s) == 0 || s[0] < utf8.RuneSelf && s[len(s)-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) && forbidden(r) == "" })
}

// forbidden names the class of a character that outside text may not hold.
func forbidden(r rune) string {
	switch {
	case r == '\n' || r == '\r':
		return "a line break"
	case r == '\t':
		return "a tab"
	case r == 0x1b:
		return "an escape character"
	case r < 0x20:
		return "a control character"
	case r == 0x7f:
		return "a delete character"
	case r >= 0x80 && r <= 0x9f:
		return "a control character"
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return "a text-direction control"
	case r == 0x2028 || r == 0x2029:
		return "a line separator"
	}
	return ""
}

// Escape returns s with every character that Check forbids (and every
// invalid byte) written as a Go escape, leaving the rest as it is. It is
// the last guard on messages that may quote outside text.
func Escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		bad := forbidden(r) != ""
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
				continue
			}
		}
		if bad {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Quote renders any value safely for an error message: quoted, with every
// control, direction mark and invalid byte escaped, and long values cut.
func Quote(value string) string {
	const max = 48
	if utf8.RuneCountInString(value) > max {
		cut := 0
		for i := range value {
			if cut == max {
				return strconv.QuoteToGraphic(value[:i]) + "..."
			}
			cut++
		}
	}
	return strconv.QuoteToGraphic(value)
}
