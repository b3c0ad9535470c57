package inbound

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkEnglish measures decoding and compiling the English rules,
// which a reply pays once (never other commands, never at start-up).
func BenchmarkEnglish(b *testing.B) {
	for b.Loop() {
		if _, err := LoadRules(englishYAML, "templates/en/locale.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDetect20K reads and detects a 20 KB request, the size
// SPEC's start-up target for reply names.
func BenchmarkParseDetect20K(b *testing.B) {
	data, err := os.ReadFile("testdata/mail/gmail-alternative.eml")
	if err != nil {
		b.Fatal(err)
	}
	msg := string(data)
	for len(msg) < 20<<10 {
		msg = strings.Replace(msg, "No pressure at all", "No pressure at all, really, none at all.\nNo pressure at all", 1)
	}
	rules := englishRules(b)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		m, err := Parse(strings.NewReader(msg))
		if err != nil {
			b.Fatal(err)
		}
		if rules.Detect(m).Kind != "recommendation" {
			b.Fatal("not a recommendation")
		}
	}
}

// BenchmarkCompile measures compiling the English rules without decoding
// YAML: what rules written as a Go value would cost.
func BenchmarkCompile(b *testing.B) {
	decoded, err := English()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r := *decoded
		if err := r.Compile(); err != nil {
			b.Fatal(err)
		}
	}
}
