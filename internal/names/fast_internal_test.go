package names

import (
	"strings"
	"testing"
	"unicode"
)

// The byte-at-a-time paths must answer as the plain Unicode code they
// stand in for, kept here as the reference.

func nextWordRef(s string) (word, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

func hasNoLowerRef(s string) bool {
	letters := false
	for _, c := range s {
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsLetter(c) {
			letters = letters || unicode.IsUpper(c)
		}
	}
	return letters
}

func inListRef(list []string, w string) bool {
	w = strings.TrimRight(w, ".")
	if len(w) == 0 || len(w) > 16 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return false
		}
	}
	for _, t := range list {
		if t == strings.ToLower(w) {
			return true
		}
	}
	return false
}

func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	if w, r := nextWord(s); true {
		if rw, rr := nextWordRef(s); w != rw || r != rr {
			t.Fatalf("nextWord(%q) = %q, %q; want %q, %q", s, w, r, rw, rr)
		}
	}
	if got, want := trimSymbols(s), trimSymbolsUnicode(s); got != want {
		t.Fatalf("trimSymbols(%q) = %q, want %q", s, got, want)
	}
	if got, want := hasNoLower(s), hasNoLowerRef(s); got != want {
		t.Fatalf("hasNoLower(%q) = %v, want %v", s, got, want)
	}
	if got, want := inList(testTitles, s), inListRef(testTitles, s); got != want {
		t.Fatalf("inList(%q) = %v, want %v", s, got, want)
	}
}

// testTitles are titles of the kind a locale lists.
var testTitles = []string{"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "m", "sr", "sra", "lt", "1st"}

var fastPathSeeds = []string{
	"", " ", "Scott Lee 0", "  Ana\tMaría\u00a0Ruiz ", "Dr.", "DR..", "dr", "Prof", "(Bob)", "J.R.R.", "...",
	"Zoë Ångström", "O'BRIEN", "x\u0085y", "a\u2028b", "\xff\xfe", "🚀 Scott", "Scott🚀", "123", "9a.", "-_-", "Mx. Lee",
	"MS", "ms.", "mlle", "professor", "PROFESSORSHIP", "ǅ", "ʰ", "\u0301e", "A\u030A", "_a_", "@.", "[Dr]",
}

func TestFastPathsMatchUnicode(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkFastPaths(t, s)
		for _, w := range strings.Fields(s) {
			checkFastPaths(t, w)
		}
	}
	for c := rune(0); c < 0x300; c++ {
		checkFastPaths(t, string(c))
		checkFastPaths(t, "a"+string(c)+"b")
		checkFastPaths(t, string(c)+"D.")
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}
