package jsonenc

import (
	"bytes"
	"encoding/json"
	"testing"
)

// reference is what encoding/json writes for s with HTML escaping off.
func reference(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var samples = []string{
	"", "Scott Lee", "Zoë Ångström", "O'Brien & <Co>", "quote \" and \\ backslash",
	"line\nbreak\r\ttab\b\f", "\x00\x01\x1f\x7f", "\u2028\u2029", "bad \xff utf-8 \xc3", "李伟 😀",
	"Hi Scott,\n\nThanks for asking.\n\nAll the best,\n",
}

func TestMatchesEncodingJSON(t *testing.T) {
	for _, s := range samples {
		if got, want := AppendString(nil, s), reference(s); !bytes.Equal(got, want) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzMatchesEncodingJSON(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := AppendString([]byte("x"), s), append([]byte("x"), reference(s)...); !bytes.Equal(got, want) {
			t.Fatalf("AppendString(%q) = %s, want %s", s, got, want)
		}
	})
}

func BenchmarkAppendString(b *testing.B) {
	s := samples[len(samples)-1]
	buf := make([]byte, 0, 256)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf = AppendString(buf[:0], s)
	}
}
