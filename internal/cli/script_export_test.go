package cli_test

import (
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// exportCmd: export LAYOUT FILE... rewrites text files in the byte
// layout a spreadsheet saves, which a txtar archive cannot hold:
//
//	bom           UTF-8 with a byte order mark and CR LF line ends (Excel's "CSV UTF-8")
//	utf16         UTF-16LE with a byte order mark and CR LF (Excel's "Unicode Text")
//	utf16le       UTF-16LE without a byte order mark and CR LF
//	utf16be       UTF-16BE without a byte order mark and CR LF
//	windows-1251  Windows-1251 (Cyrillic) and CR LF
//	windows-1252  Windows-1252 and CR LF (Excel's default "CSV")
//	cr            CR line ends alone (Excel's "CSV (Macintosh)")
//	macintosh     Mac OS Roman and CR line ends alone (an old Mac's "CSV")
func exportCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: export bom|utf16|utf16le|utf16be|windows-1252|windows-1251|cr|macintosh FILE...")
	}
	for _, name := range args[1:] {
		text := ts.ReadFile(name)
		crlf := strings.ReplaceAll(text, "\n", "\r\n")
		var data []byte
		var err error
		switch args[0] {
		case "bom":
			data = append([]byte("\xef\xbb\xbf"), crlf...)
		case "utf16":
			data, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(crlf))
		case "utf16le":
			data, err = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(crlf))
		case "utf16be":
			data, err = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(crlf))
		case "windows-1251":
			data, err = charmap.Windows1251.NewEncoder().Bytes([]byte(crlf))
		case "windows-1252":
			data, err = charmap.Windows1252.NewEncoder().Bytes([]byte(crlf))
		case "cr":
			data = []byte(strings.ReplaceAll(text, "\n", "\r"))
		case "macintosh":
			data, err = charmap.Macintosh.NewEncoder().Bytes([]byte(strings.ReplaceAll(text, "\n", "\r")))
		default:
			ts.Fatalf("unknown layout %s", args[0])
		}
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(name), data, 0o666))
	}
}
