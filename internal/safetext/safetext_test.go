package safetext

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"
)

func TestCheckRejectsUnsafeText(t *testing.T) {
	bad := map[string]string{
		"esc":          "Ana\x1b[31m",
		"osc52":        "\x1b]52;c;ZXZpbA==\x07",
		"nul":          "A\x00na",
		"bell":         "A\x07",
		"del":          "A\x7f",
		"c1 csi":       "A\u009b31m",
		"c1 nel":       "A\u0085",
		"bidi rlo":     "A\u202e",
		"bidi isolate": "A\u2066",
		"lrm":          "A\u200e",
		"line sep":     "A\u2028",
		"newline":      "A\nB",
		"cr":           "A\rB",
		"tab":          "A\tB",
		"bad utf-8":    "A\xc3",
		"too long":     strings.Repeat("a", MaxLen+1),
	}
	for name, v := range bad {
		if Check(v, false) == nil {
			t.Errorf("%s: %q accepted", name, v)
		}
	}
}

func TestCheckAcceptsOrdinaryNames(t *testing.T) {
	for _, v := range []string{"Scott Lee", "Zoë Ångström", "O'Brien", "李伟", "محمد", "Renée-Claude d'Arcy", "😀 Emoji"} {
		if p := Check(v, false); p != nil {
			t.Errorf("%q rejected: %v", v, p)
		}
	}
	if p := Check("line one\n\tline two", true); p != nil {
		t.Errorf("multi-line text with a tab rejected: %v", p)
	}
	if p := Check("line\x1b", true); p == nil {
		t.Errorf("escape accepted in multi-line text")
	}
}

func TestQuoteAndEscapeNeverPassControls(t *testing.T) {
	evil := "x\x1b]52;c;ZXZpbA==\x07\u009b\u202e\xff" + strings.Repeat("y", 100)
	for name, out := range map[string]string{"Quote": Quote(evil), "Escape": Escape(evil)} {
		for _, r := range out {
			if forbidden(r) != "" || r == '\ufffd' {
				t.Errorf("%s let %U through: %q", name, r, out)
			}
		}
	}
	if q := Quote(evil); !strings.HasSuffix(q, `..."`) && !strings.HasSuffix(q, "...") {
		t.Errorf("Quote did not shorten a long value: %q", q)
	}
	if got := Escape("plain Zoë"); got != "plain Zoë" {
		t.Errorf("Escape changed safe text: %q", got)
	}
}

func TestCheckPath(t *testing.T) {
	long := "/home/you/" + strings.Repeat("d/", 1000) + "requests.csv"
	for _, ok := range []string{"requests.csv", "/home/zoë/Löhne 2024.csv", long} {
		if err := CheckPath("input file", ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	err := CheckPath("input file", "/tmp/"+strings.Repeat("x", 60)+"/\x1b]52;c;ZXZpbA==\a.csv")
	want := `input file "/tmp/` + strings.Repeat("x", 60) + `/\x1b]52;c;ZXZpbA==\a.csv" contains an escape character (U+001B); rename it`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	for _, bad := range []string{"a\nb", "a\tb", "a\u202eb", "a\u009bb", "a\xffb"} {
		if CheckPath("file", bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestTrimSpaceLeavesWhatCheckRefuses(t *testing.T) {
	for in, want := range map[string]string{
		"  Ann  ":         "Ann",
		"\u00a0Ann\u3000": "Ann",
		"Ann\u0085":       "Ann\u0085",
		"Ann\n":           "Ann\n",
		"\tAnn":           "\tAnn",
		"Ann\u2028 ":      "Ann\u2028",
		"Ann\r":           "Ann\r",
	} {
		if got := TrimSpace(in); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

// classExamples holds, for every class of the policy, characters that
// belong to it; TestEachClassIsRefused also tries both ends of every row
// of the table.
var classExamples = map[string][]rune{
	lineBreak:   {'\n', '\r'},
	tab:         {'\t'},
	escape:      {0x1b},
	control:     {0x00, 0x07, 0x1f, 0x80, 0x85, 0x9b, 0x9f},
	deleteChar:  {0x7f},
	direction:   {0x061c, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069},
	lineSep:     {0x2028, 0x2029},
	invisible:   {0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x180e, 0x200b, 0x2060, 0x2064, 0x206e, 0x206f, 0x3164, 0xfeff, 0xffa0, 0xfff0, 0xfff8, 0xfff9, 0x1bca0, 0x1d173, 0xe0080, 0xe00ff, 0xe01f0, 0xe0fff},
	format:      {0x0600, 0x0605, 0x06dd, 0x070f, 0x0890, 0x0891, 0x08e2, 0x110bd, 0x110cd, 0x13430, 0x1343f},
	nonchar:     {0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x1ffff, 0xefffe, 0x10fffe, 0x10ffff},
	tag:         {0xe0000, 0xe0001, 0xe0041, 0xe007f},
	replacement: {0xfffd},
}

// TestEachClassIsRefused: every class of the table has examples here,
// and each example, and each end of each row, is refused with its
// class's words, in one-line and (but for tab and line feed) multi-line
// text, and escaped by Escape.
func TestEachClassIsRefused(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range classes() {
		seen[c.what] = true
		if len(classExamples[c.what]) == 0 {
			t.Errorf("class %q has no example in classExamples", c.what)
		}
		classExamples[c.what] = append(classExamples[c.what], c.lo, c.hi)
	}
	for what, runes := range classExamples {
		if !seen[what] {
			t.Errorf("classExamples has %q, which the table does not", what)
		}
		for _, r := range runes {
			v := "Sc" + string(r) + "ott"
			want := fmt.Sprintf("contains %s (U+%04X)", what, r)
			p := Check(v, false)
			if p == nil || !strings.HasPrefix(p.Reason, want) || p.Offset != 2 || p.Rune != r {
				t.Errorf("%U: Check = %+v, want %q at 2", r, p, want)
			}
			if r != '\n' && r != '\t' && Check(v, true) == nil {
				t.Errorf("%U: accepted in multi-line text", r)
			}
			if e := Escape(v); strings.ContainsRune(e, r) {
				t.Errorf("%U: Escape left it in: %q", r, e)
			}
		}
	}
}

// TestJoinersAndSelectorsAreText: the invisible characters that writing
// needs stay allowed: the zero-width joiner of emoji sequences and of
// Indic scripts, the non-joiner of Persian, variation selectors.
func TestJoinersAndSelectorsAreText(t *testing.T) {
	for _, v := range []string{"👩\u200d💻 Ann", "می\u200cخواهم", "क्\u200dष", "❤\ufe0f", "葛\U000e0100", "葛\U000e01ef", "ᠠ\u180b", "ᠠ\u180d", "ᠠ\u180f", "Zoë", "\ufdcf\ufdf0\ufffc"} {
		if p := Check(v, false); p != nil {
			t.Errorf("%q refused: %v", v, p)
		}
	}
}

// TestLoneSurrogateFromJSON: encoding/json turns a lone surrogate
// ("A\ud800B") into U+FFFD; the policy refuses that, so a value read from
// JSON Lines cannot lose a character silently.
func TestLoneSurrogateFromJSON(t *testing.T) {
	var v string
	if err := json.Unmarshal([]byte(`"A\ud800B"`), &v); err != nil {
		t.Fatal(err)
	}
	if p := Check(v, false); p == nil || p.Reason != "contains a replacement character (U+FFFD): a character was lost before it got here, such as a lone surrogate in JSON" {
		t.Errorf("Check(%q) = %v", v, p)
	}
}

// TestEveryFormatCharacterIsRefused: every character of category Cf is
// refused but the zero-width joiner and non-joiner, whatever Unicode
// version Go ships; the table is derived from unicode.Cf, not picked by hand.
func TestEveryFormatCharacterIsRefused(t *testing.T) {
	n := 0
	eachRune(unicode.Cf, func(r rune) {
		n++
		p := Check("A"+string(r), false)
		if r == 0x200c || r == 0x200d {
			if p != nil {
				t.Errorf("%U refused: %v", r, p)
			}
		} else if p == nil {
			t.Errorf("%U (Cf) accepted", r)
		}
	})
	if n == 0 {
		t.Fatal("unicode.Cf is empty")
	}
}

// TestEveryNoncharacterIsRefused: U+FDD0 to U+FDEF and the last two code
// points of every plane.
func TestEveryNoncharacterIsRefused(t *testing.T) {
	for r := rune(0xfdd0); r <= 0xfdef; r++ {
		if p := Check(string(r), false); p == nil || !strings.HasPrefix(p.Reason, "contains "+nonchar) {
			t.Errorf("%U: %v", r, p)
		}
	}
	for plane := rune(0); plane <= 0x10; plane++ {
		for _, r := range []rune{plane<<16 | 0xfffe, plane<<16 | 0xffff} {
			if p := Check(string(r), false); p == nil || !strings.HasPrefix(p.Reason, "contains "+nonchar) {
				t.Errorf("%U: %v", r, p)
			}
		}
	}
}
