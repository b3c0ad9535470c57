package sheet

import "testing"

func TestDelimiter(t *testing.T) {
	for in, want := range map[string]rune{"": 0, ",": ',', "Comma": ',', ";": ';', "semicolon": ';', "tab": '\t', "\t": '\t', `\t`: '\t', "|": '|', "PIPE": '|'} {
		if got, ok := Delimiter(in); !ok || got != want {
			t.Errorf("Delimiter(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{":", "space", ",,"} {
		if _, ok := Delimiter(in); ok {
			t.Errorf("Delimiter(%q) is accepted", in)
		}
	}
}
