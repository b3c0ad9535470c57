package safetext

import (
	"strings"
	"testing"
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
