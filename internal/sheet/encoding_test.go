package sheet

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestGuessCodePage: the code page a hint names reads the file, and reads
// it as it was written.
func TestGuessCodePage(t *testing.T) {
	for _, c := range []struct {
		text string
		cm   *charmap.Charmap
		want string
	}{
		{"name\nJosé Núñez\n", charmap.Windows1252, "windows-1252"},
		{"name\nLech Wałęsa\n", charmap.Windows1250, "windows-1250"},
		{"name\nИван Петров\n", charmap.Windows1251, "windows-1251"},
		{"name\nИван Петров\n", charmap.KOI8R, "koi8-r"},
	} {
		data, err := c.cm.NewEncoder().Bytes([]byte(c.text))
		if err != nil {
			t.Fatal(err)
		}
		if got := guessCodePage(data); got != c.want {
			t.Errorf("guessCodePage(%q in %v) = %s, want %s", c.text, c.cm, got, c.want)
		}
	}
	// 0x81 is no character in Windows-1252: the guess is a code page
	// that has one there.
	if got := guessCodePage([]byte("name\nA\x81b\n")); got == "windows-1252" {
		t.Errorf("guessCodePage of a byte Windows-1252 lacks = %s", got)
	}
}

// TestOpenUTF16 reads UTF-16 without a byte order mark when told to, in
// either order, and refuses the wrong order and a UTF-8 file.
func TestOpenUTF16(t *testing.T) {
	text := "name,relationship\r\n王芳,social\r\n"
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(text))
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(text))
	read := func(data []byte, enc string) (string, error) {
		in, err := Open(bytes.NewReader(data), Options{Encoding: enc})
		if err != nil {
			return "", err
		}
		b, err := io.ReadAll(in)
		return string(b), err
	}
	for _, c := range []struct {
		data []byte
		enc  string
	}{{le, "utf-16le"}, {le, "utf-16"}, {be, "utf-16be"}, {be, "UTF16"}} {
		if got, err := read(c.data, c.enc); err != nil || got != text {
			t.Errorf("--encoding %s: %q, %v", c.enc, got, err)
		}
	}
	var e *Error
	if _, err := read(be, "utf-16le"); !errors.As(err, &e) || !e.Instead || e.Encoding != UTF16BE {
		t.Errorf("big-endian read as utf-16le: %v, want the order named", err)
	}
	if _, err := read([]byte(text), "utf-16le"); !errors.As(err, &e) || !e.Instead || e.Encoding != "" {
		t.Errorf("UTF-8 read as utf-16le: %v, want a refusal", err)
	}
	for data, want := range map[string]string{string(le): UTF16LE, string(be): UTF16BE} {
		if _, err := read([]byte(data), ""); !errors.As(err, &e) || !e.NotUTF8 || e.Encoding != want {
			t.Errorf("UTF-16 without a mark: %v, want a hint naming %s", err, want)
		}
	}
}
