// Package safetext decides which outside text decline will accept.
//
// Names, CSV cells, --set values, configuration values, template text and
// the names of files decline reads come from people decline has never
// met. The policy is to reject, never to clean silently: text holding
// invalid UTF-8 or a character of one of the classes in the table
// (classes: controls, text-direction controls, line separators, invisible
// and tag characters, the replacement character) is refused with an error
// that names the class and shows the value safely quoted (Quote). Nothing such text holds can then reach
// a terminal, a file or a header. Escape is the last guard on every
// message decline prints.
package safetext

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	if p := CheckName(path); p != nil {
		return fmt.Errorf("%s %s %s; rename it", what, QuotePath(path), p.Reason)
	}
	return nil
}

// CheckName reports the first reason a file's name does not meet the
// policy CheckPath applies, or nil.
func CheckName(path string) *Problem { return checkChars(path, false) }

// QuotePath is a file's name quoted so that it prints as it is read,
// whatever it holds: quoted whole, unlike Quote, since the part of a
// name that matters is at its end.
func QuotePath(path string) string { return Escape(strconv.QuoteToGraphic(path)) }

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
		if r >= 0x20 && r < 0x7f {
			continue
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(value[i:]); size == 1 {
				return &Problem{Rune: r, Offset: i, Reason: "is not valid UTF-8"}
			}
		}
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if c := classOf(r); c != nil {
			return &Problem{Rune: r, Offset: i, Reason: fmt.Sprintf("contains %s (U+%04X)%s", c.what, r, c.hint)}
		}
	}
	return nil
}

// HasLetter reports whether s holds a letter of any script. Text without
// one is punctuation, not a name: ", ," would greet "Hi ,,".
func HasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
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

// The classes of characters that outside text may not hold, as an error
// names them: "contains <class> (U+XXXX)".
const (
	lineBreak   = "a line break"
	tab         = "a tab"
	escape      = "an escape character"
	control     = "a control character"
	deleteChar  = "a delete character"
	direction   = "a text-direction control"
	lineSep     = "a line separator"
	invisible   = "an invisible character"
	tag         = "a tag character"
	format      = "a format character"
	nonchar     = "a noncharacter"
	replacement = "a replacement character"
)

// A class is a range of code points of one class.
type class struct {
	lo, hi rune
	what   string
	hint   string // added to the error after the code point
}

// explicit is the policy's hand-written part: in code point order, each
// range with its class. classes adds to it every other format character
// (category Cf, from unicode.Cf) and every noncharacter. One-line text refuses all
// of them; multi-line text allows the tab and the line feed.
//
//   - C0 controls, DEL and C1 controls: ESC starts CSI and OSC sequences
//     (OSC 52 writes the clipboard), U+009B is a one-character CSI, U+0085
//     (NEL) a line break.
//   - Text-direction controls and Unicode line and paragraph separators:
//     they reorder or break what a terminal shows.
//   - Invisible characters: they show as nothing, so "Scott" and "Sc\u200bott"
//     look alike and a name of Hangul fillers looks empty: the soft hyphen,
//     the combining grapheme joiner, the Hangul fillers, the Khmer
//     inherent vowels, the Mongolian vowel separator, the zero-width
//     space, the word joiner and invisible operators, the deprecated
//     format characters (U+206A to U+206F), the byte order mark in a
//     value (a file's leading one is dropped where it is read), the
//     interlinear annotation marks, and the shorthand and musical format
//     controls. The zero-width joiner and non-joiner (U+200C, U+200D) and
//     the variation selectors are not here: emoji sequences, Persian and
//     the Indic scripts need them, as do the Mongolian free variation
//     selectors (U+180B to U+180D, U+180F). The unassigned default-ignorable
//     code points (U+2065, U+FFF0 to U+FFF8, U+E0080 to U+E00FF, U+E01F0
//     to U+E0FFF) are invisible too, whatever a later Unicode puts there.
//   - Format characters (category Cf) not named above, such as the Arabic
//     number signs U+0600 to U+0605 and the Egyptian hieroglyph format
//     controls: taken from unicode.Cf by classes.
//   - Noncharacters (U+FDD0 to U+FDEF and the last two code points of every
//     plane): never text meant for anyone to read.
//   - Tag characters (U+E0000 to U+E007F): invisible text that can carry a
//     message of its own.
//   - The replacement character U+FFFD: the mark of a character lost on the
//     way, such as a lone surrogate ("\ud800") that encoding/json decodes
//     to it. Refusing it is how a value read from JSON cannot lose a
//     character silently.
var explicit = [...]class{
	{0x00, 0x08, control, ""},
	{'\t', '\t', tab, ""},
	{'\n', '\n', lineBreak, ""},
	{0x0b, 0x0c, control, ""},
	{'\r', '\r', lineBreak, ""},
	{0x0e, 0x1a, control, ""},
	{0x1b, 0x1b, escape, ""},
	{0x1c, 0x1f, control, ""},
	{0x7f, 0x7f, deleteChar, ""},
	{0x80, 0x9f, control, ""},
	{0xad, 0xad, invisible, ""},
	{0x034f, 0x034f, invisible, ""},
	{0x061c, 0x061c, direction, ""},
	{0x115f, 0x1160, invisible, ""},
	{0x17b4, 0x17b5, invisible, ""},
	{0x180e, 0x180e, invisible, ""},
	{0x200b, 0x200b, invisible, ""},
	{0x200e, 0x200f, direction, ""},
	{0x2028, 0x2029, lineSep, ""},
	{0x202a, 0x202e, direction, ""},
	{0x2060, 0x2065, invisible, ""},
	{0x2066, 0x2069, direction, ""},
	{0x206a, 0x206f, invisible, ""},
	{0x3164, 0x3164, invisible, ""},
	{0xfeff, 0xfeff, invisible, ""},
	{0xffa0, 0xffa0, invisible, ""},
	{0xfff0, 0xfff8, invisible, ""},
	{0xfff9, 0xfffb, invisible, ""},
	{0xfffd, 0xfffd, replacement, ": a character was lost before it got here, such as a lone surrogate in JSON"},
	{0x1bca0, 0x1bca3, invisible, ""},
	{0x1d173, 0x1d17a, invisible, ""},
	{0xe0000, 0xe007f, tag, ""},
	{0xe0080, 0xe00ff, invisible, ""},
	{0xe01f0, 0xe0fff, invisible, ""},
}

// allowedFormat are the format characters writing needs: the zero-width
// non-joiner and joiner.
func allowedFormat(r rune) bool { return r == 0x200c || r == 0x200d }

// classes is the whole policy, in code point order: explicit, then every
// format character and noncharacter explicit does not hold. It is built
// once, when first needed, not at start-up.
var classes = sync.OnceValue(func() []class {
	rows := append([]class(nil), explicit[:]...)
	add := func(r rune, what string) {
		if allowedFormat(r) || classIn(explicit[:], r) != nil {
			return
		}
		rows = append(rows, class{r, r, what, ""})
	}
	eachRune(unicode.Cf, func(r rune) { add(r, format) })
	rows = append(rows, class{0xfdd0, 0xfdef, nonchar, ""})
	for plane := rune(0); plane <= unicode.MaxRune>>16; plane++ {
		add(plane<<16|0xfffe, nonchar)
		add(plane<<16|0xffff, nonchar)
	}
	slices.SortFunc(rows, func(a, b class) int { return int(a.lo - b.lo) })
	// Join neighbours of one class, so both ends of a row are real ends.
	out := rows[:1]
	for _, c := range rows[1:] {
		last := &out[len(out)-1]
		if c.lo == last.hi+1 && c.what == last.what && c.hint == last.hint {
			last.hi = c.hi
			continue
		}
		out = append(out, c)
	}
	return out
})

// eachRune calls f with every code point of t.
func eachRune(t *unicode.RangeTable, f func(rune)) {
	for _, rg := range t.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			f(r)
		}
	}
	for _, rg := range t.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			f(r)
		}
	}
}

// classOf returns the row of the table that holds r, or nil.
func classOf(r rune) *class { return classIn(classes(), r) }

func classIn(rows []class, r rune) *class {
	i, _ := slices.BinarySearchFunc(rows, r, func(c class, r rune) int {
		if c.hi < r {
			return -1
		}
		if c.lo > r {
			return 1
		}
		return 0
	})
	if i < len(rows) && rows[i].lo <= r && r <= rows[i].hi {
		return &rows[i]
	}
	return nil
}

// forbidden names the class of a character that outside text may not
// hold, or is "".
func forbidden(r rune) string {
	if c := classOf(r); c != nil {
		return c.what
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
// control, direction mark, invisible character and invalid byte escaped,
// and long values cut. strconv.QuoteToGraphic escapes most of them; the
// policy's own classes hold some it counts as graphic (the Hangul filler
// U+3164, U+FFFD), which Escape then writes as escapes too.
func Quote(value string) string {
	const max = 48
	if utf8.RuneCountInString(value) > max {
		cut := 0
		for i := range value {
			if cut == max {
				return Escape(strconv.QuoteToGraphic(value[:i])) + "..."
			}
			cut++
		}
	}
	return Escape(strconv.QuoteToGraphic(value))
}

// EscapeLines escapes each line of a multi-line text for the terminal,
// keeping its line breaks.
func EscapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Escape(l)
	}
	return strings.Join(lines, "\n")
}

// ShellQuote quotes s for a POSIX shell's command line, leaving a plain
// word as it is.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
