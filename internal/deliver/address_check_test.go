package deliver

import (
	"strings"
	"testing"
)

var addressSamples = []string{
	"scott@example.com", "scott.lee+decline@mail.example.co.uk", "a@b", "o'brien@example.ie",
	"Scott Lee <scott@example.com>", `"scott lee"@example.com`, "scott@[192.0.2.1]",
	".scott@example.com", "scott.@example.com", "sc..ott@example.com", "scott@", "@example.com",
	"scott@example..com", "scott@@example.com", "scott lee@example.com", "scott@exa mple.com",
	"zoë@example.com", "scott@example.com.", "scott@.example.com", "", strings.Repeat("a", 300) + "@b.c",
	"scott@example.com\r\nBcc: x@y.z", "scott@exam\x00ple.com",
}

func TestCheckAddressAgreesWithParseAddress(t *testing.T) {
	for _, s := range addressSamples {
		_, perr := ParseAddress(s)
		if cerr := CheckAddress(s); (cerr == nil) != (perr == nil) {
			t.Errorf("%q: CheckAddress %v, ParseAddress %v", s, cerr, perr)
		}
		if plainAddress(s) && perr != nil {
			t.Errorf("%q: the fast check accepts what ParseAddress refuses: %v", s, perr)
		}
	}
	if !plainAddress("scott.lee@example.com") {
		t.Error("a plain address did not take the fast path")
	}
}

// FuzzCheckAddress: the fast path never accepts an address that
// ParseAddress refuses.
func FuzzCheckAddress(f *testing.F) {
	for _, s := range addressSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainAddress(s) {
			if _, err := ParseAddress(s); err != nil {
				t.Fatalf("%q: fast path accepts, ParseAddress says %v", s, err)
			}
		}
	})
}

// TestParseAddressChecksTheDecodedName: net/mail decodes RFC 2047
// encoded-words in a display name, so a name can arrive encoded and turn
// into a line break or an escape sequence. Every format refuses it the
// same way, because ParseAddress does.
func TestParseAddressChecksTheDecodedName(t *testing.T) {
	for in, want := range map[string]string{
		"=?utf-8?q?A=0D=0ABcc=3A_v=40evil=2Eexample?= <a@example.com>": "has a display name that, decoded, contains a line break (U+000D)",
		"=?utf-8?q?A=1B=5B2J?= <a@example.com>":                        "has a display name that, decoded, contains an escape character (U+001B)",
		"=?utf-8?b?4oCuZXZpbA==?= <a@example.com>":                     "has a display name that, decoded, contains a text-direction control (U+202E)",
	} {
		if _, err := ParseAddress(in); err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %s", in, err, want)
		}
		if CheckAddress(in) == nil {
			t.Errorf("%s: CheckAddress accepted it", in)
		}
	}
	if a, err := ParseAddress("=?utf-8?q?Zo=C3=AB?= <z@example.com>"); err != nil || a.Name != "Zoë" {
		t.Errorf("an honest encoded name: %v, %v", a, err)
	}
}

// TestCommentsAreRefused: net/mail drops a comment in parentheses, so
// "(Bcc: x@y)" used to vanish from the reply without a word. Outside text
// is refused, never cleaned; parentheses inside a quoted string stay text.
func TestCommentsAreRefused(t *testing.T) {
	for _, s := range []string{
		"Eve <eve@example.com> (Bcc: x@y)",
		"eve@example.com (Eve)",
		"Eve (Bcc: x@y) <eve@example.com>",
		"(x)eve@example.com",
		"eve(x)@example.com",
		"eve@(x)example.com",
		`"Eve" (x) <eve@example.com>`,
	} {
		_, err := ParseAddress(s)
		if err == nil || !strings.Contains(err.Error(), "comment") {
			t.Errorf("%q: %v, want a comment refused", s, err)
		}
		if CheckAddress(s) == nil {
			t.Errorf("%q: CheckAddress accepted it", s)
		}
	}
	for _, s := range []string{`"Eve (Bcc: x@y)" <eve@example.com>`, `"a(b)"@example.com`, `"Eve \" (x)" <eve@example.com>`} {
		if _, err := ParseAddress(s); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
	}
}

// An international domain name is taken in its ASCII form (IDNA, as
// a browser looks it up); a local part with other characters is kept,
// composed (NFC), for a server that takes it (NeedsUTF8); a domain that
// is no valid international name is refused in one line.
func TestNonASCIIAddresses(t *testing.T) {
	for in, want := range map[string]string{
		"jose@bücher.example":         "jose@xn--bcher-kva.example",
		"Jose <jose@Bücher.DE>":       "jose@xn--bcher-kva.de",
		"josé@example.com":            "josé@example.com",
		"jose\u0301@example.com":      "josé@example.com",
		"用户@例子.广告":                    "用户@xn--fsqu00a.xn--4rr70v",
		"\"josé m\"@xn--bcher-kva.de": "josé m@xn--bcher-kva.de",
	} {
		a, err := ParseAddress(in)
		if err != nil || a.Address != want {
			t.Errorf("ParseAddress(%q) = %v, %v; want %q", in, a, err, want)
			continue
		}
		if got := NeedsUTF8(a.Address); got != !isPrintableASCII(strings.Split(want, "@")[0]) {
			t.Errorf("NeedsUTF8(%q) = %v", a.Address, got)
		}
	}
	for in, want := range map[string]string{
		"a@-bücher.example":                         "is not a valid international domain name",
		"a@bü_cher.example":                         "is not a valid international domain name",
		"a@" + strings.Repeat("ü", 80) + ".example": "is not a valid international domain name",
	} {
		if _, err := ParseAddress(in); err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseAddress(%q) = %v, want one line with %q", in, err, want)
		}
	}
}
