package sheet

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/decline-cli/decline/internal/safetext"
)

// encodings are the single-byte code pages by name.
var encodings = sync.OnceValue(func() map[string]*charmap.Charmap {
	return map[string]*charmap.Charmap{
		"windows-1250": charmap.Windows1250, "windows-1251": charmap.Windows1251, "windows-1252": charmap.Windows1252,
		"windows-1253": charmap.Windows1253, "windows-1254": charmap.Windows1254, "windows-1255": charmap.Windows1255,
		"windows-1256": charmap.Windows1256, "windows-1257": charmap.Windows1257, "windows-1258": charmap.Windows1258,
		"iso-8859-1": charmap.ISO8859_1, "iso-8859-2": charmap.ISO8859_2, "iso-8859-5": charmap.ISO8859_5,
		"iso-8859-7": charmap.ISO8859_7, "iso-8859-9": charmap.ISO8859_9, "iso-8859-15": charmap.ISO8859_15,
		"macintosh": charmap.Macintosh, "ibm437": charmap.CodePage437, "ibm850": charmap.CodePage850,
		"koi8-r": charmap.KOI8R, "koi8-u": charmap.KOI8U,
	}
})

// The UTF-16 encodings by name. utf-16 reads either byte order, told
// from the file; utf-16le and utf-16be read a file without a byte order
// mark in theirs. A byte order mark always wins.
const (
	UTF16   = "utf-16"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

// Encodings lists the encoding names Options.Encoding takes besides
// utf-8: the UTF-16 ones, then the code pages.
func Encodings() []string {
	return append([]string{UTF16, UTF16BE, UTF16LE}, slices.Sorted(maps.Keys(encodings()))...)
}

// IsCodePage reports whether an encoding name is a single-byte code
// page, one of many a file could be in, rather than UTF-16.
func IsCodePage(name string) bool { return !isUTF16(name) }

func isUTF16(name string) bool { return name == UTF16 || name == UTF16LE || name == UTF16BE }

// canonical is an encoding's name as people write it ("cp1252",
// "Windows-1252", "latin1", "UTF16LE") in the form Encodings lists it,
// or "utf-8".
func canonical(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.NewReplacer("_", "-", " ", "-").Replace(n)
	switch {
	case n == "utf-8" || n == "utf8":
		return "utf-8"
	case n == "utf16" || n == "utf16le" || n == "utf16be":
		return "utf-" + strings.TrimPrefix(n, "utf")
	case n == "utf-16-le" || n == "utf-16-be":
		return "utf-16" + strings.TrimPrefix(n, "utf-16-")
	case n == "latin1" || n == "latin-1":
		return "iso-8859-1"
	case n == "mac" || n == "mac-roman" || n == "macroman":
		return "macintosh"
	case strings.HasPrefix(n, "cp125"):
		return "windows-" + strings.TrimPrefix(n, "cp")
	case strings.HasPrefix(n, "windows125"):
		return "windows-" + strings.TrimPrefix(n, "windows")
	case n == "cp437" || n == "cp850":
		return "ibm" + strings.TrimPrefix(n, "cp")
	}
	return n
}

// encodingFor looks an encoding up by name, as people write it. UTF-8
// is nil: the text needs no decoding.
func encodingFor(name string) (encoding.Encoding, bool) {
	switch n := canonical(name); n {
	case "utf-8":
		return nil, true
	case UTF16, UTF16LE:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), true
	case UTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), true
	default:
		cm, ok := encodings()[n]
		return cm, ok && cm != nil
	}
}

// CheckEncoding reports whether name is an encoding Open reads.
func CheckEncoding(name string) error {
	if _, ok := encodingFor(name); !ok {
		return fmt.Errorf("unknown encoding %s (choose one of: utf-8, %s)", safetext.Quote(name), strings.Join(Encodings(), ", "))
	}
	return nil
}

// utf16Order tells the byte order of UTF-16 text without a byte order
// mark from where its zero bytes are: the high byte of every ASCII
// character, such as a delimiter or a line end, is zero. ok is false
// when the start of the text does not read as UTF-16.
func utf16Order(head []byte) (order string, ok bool) {
	var even, odd int
	for i, b := range head {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	// Text with a line end and a delimiter or two has a zero byte in
	// one of every few characters, nearly all on one side.
	switch n := even + odd; {
	case n < 2 || n*8 < len(head)/2:
		return "", false
	case odd*10 >= n*9:
		return UTF16LE, true
	case even*10 >= n*9:
		return UTF16BE, true
	}
	return "", false
}

// guesses are the code pages a file that is not UTF-8 may be in,
// likeliest first: Western, Central European, Cyrillic (Windows and
// KOI8-R), Greek, Turkish, Baltic, then the old PC code page.
var guesses = []string{"windows-1252", "windows-1250", "windows-1251", "koi8-r", "windows-1253", "windows-1254", "windows-1257", "ibm850"}

// guessCodePage names the code page that reads the start of a file
// most plausibly: one that decodes every byte to a character (no
// unassigned byte, no control character) and makes words as names are
// written, each in one case pattern and, for a Latin code page, mostly
// of ASCII letters. It falls back to the first that decodes every byte.
func guessCodePage(head []byte) string {
	best, bestOdd := "", -1
	for _, name := range guesses {
		text, err := encodings()[name].NewDecoder().Bytes(head)
		if err != nil || !clean(text) {
			continue
		}
		odd := oddWords(string(text), name != "windows-1251" && name != "koi8-r" && name != "windows-1253")
		if odd == 0 {
			return name
		}
		if best == "" || odd < bestOdd {
			best, bestOdd = name, odd
		}
	}
	if best == "" {
		return "windows-1252"
	}
	return best
}

// clean reports whether decoded text has no replacement character and
// no control character but tab and line ends.
func clean(text []byte) bool {
	for _, r := range string(text) {
		if r == utf8.RuneError || unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// oddWords counts the words of decoded text that no one writes: a
// symbol within a word ("£ukasz"), a capital after a small letter
// ("йЧБО"), or, for a Latin code page, a word of three or more letters
// none of them ASCII ("Èâàí"). Words of ASCII alone are not looked at.
func oddWords(text string, latin bool) int {
	odd := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r < utf8.RuneSelf && !isASCIILetter(r) }) {
		ascii, other, lower, bad := 0, 0, false, false
		for _, r := range w {
			switch {
			case isASCIILetter(r):
				ascii++
			case !unicode.IsLetter(r):
				bad = true
			default:
				other++
			}
			if unicode.IsUpper(r) && lower {
				bad = true
			}
			lower = unicode.IsLower(r)
		}
		if other > 0 && (bad || latin && ascii == 0 && other >= 3) {
			odd++
		}
	}
	return odd
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// pageName is a code page's name as its maker writes it, for a sentence.
func pageName(name string) string {
	if rest, ok := strings.CutPrefix(name, "windows-"); ok {
		return "Windows-" + rest
	}
	return strings.ToUpper(name)
}

// checkUTF16 refuses a file read as UTF-16 that is not: a UTF-8 file,
// or one in the other byte order. A byte order mark says the order
// itself.
func checkUTF16(head []byte, name string) *Error {
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) || len(head) < 2 {
		return nil
	}
	order, ok := utf16Order(head)
	switch {
	case !ok:
		return &Error{Instead: true, Line: 1,
			Msg: fmt.Sprintf("the file is not UTF-16 text (its ASCII characters are not two bytes, one of them zero), which reading it as %s would garble", name)}
	case name != UTF16 && order != name:
		return &Error{Instead: true, Encoding: order, Line: 1,
			Msg: fmt.Sprintf("the file is UTF-16 in the other byte order, %s, which reading it as %s would garble", order, name)}
	}
	return nil
}
