package safetext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCheck holds the policy's promises for any input: accepted text is
// valid UTF-8 without forbidden characters, and Quote and Escape never
// let one through.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"Scott Lee", "Zoë", "a\x1b[31m", "\u202e", "\xff\xfe", "a\u009bb", "O'Brien\n", "\u3164", "\ufffd", "a\u17b4\u034f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Check(s, false) == nil {
			if !utf8.ValidString(s) {
				t.Fatalf("accepted invalid UTF-8 %q", s)
			}
			for _, r := range s {
				if forbidden(r) != "" {
					t.Fatalf("accepted %U in %q", r, s)
				}
			}
		}
		for _, out := range []string{Quote(s), Escape(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("produced invalid UTF-8 %q from %q", out, s)
			}
			for _, r := range out {
				if forbidden(r) != "" {
					t.Fatalf("let %U through from %q", r, s)
				}
			}
		}
	})
}

// FuzzTrimSpace holds TrimSpace's ASCII shortcut to its definition.
func FuzzTrimSpace(f *testing.F) {
	for _, s := range []string{"  Ann  ", "\u00a0Ann\u3000", " Ann\u0085", "Ann\n ", " \u2028", "", "   ", " a \xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) && forbidden(r) == "" })
		if got := TrimSpace(s); got != want {
			t.Fatalf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
