// Package sheet turns a spreadsheet's export into plain rows: it decodes
// the file's text (UTF-8 with or without a byte order mark, UTF-16 with
// one, or a named single-byte code page such as Windows-1252), turns old
// Mac line ends into LF, skips the lines an export puts before its
// heading row (LinkedIn's "Notes:"), tells the delimiter (',' ';' tab
// '|'), and maps the headings people write to the fields of a request.
//
// It does its work once, before the first row, so that reading rows
// costs nothing more. It knows nothing of commands or flags.
package sheet

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/decline-cli/decline/internal/safetext"
)

// Options say how to read a file; the zero value finds everything out.
type Options struct {
	// Encoding names a single-byte code page (see Encodings); "" reads
	// UTF-8, or UTF-16 when the file starts with its byte order mark.
	Encoding string
	// Delimiter separates cells; 0 tells it from the heading row.
	Delimiter rune
	// Skip is the number of lines before the heading row, when SkipSet;
	// else the heading row is the first line that names the requester
	// (within the first 30), or the first line.
	Skip    int
	SkipSet bool
	// Lines: the input is one record a line (TSV, JSON Lines), so no
	// delimiter is told and no heading row is looked for.
	Lines bool
	// Sheet names the sheet of an .xlsx workbook to read; "" is the
	// first. Open does not read workbooks: see OpenXLSX.
	Sheet string
	// JSON: the input is JSON Lines, which must be UTF-8, each line is
	// checked on its own.
	JSON bool
}

// Input is a file ready to read: UTF-8 text with LF or CR LF line ends,
// starting at its heading row.
type Input struct {
	*bufio.Reader
	Delimiter rune
	Skipped   int // the lines skipped before the heading row
}

// Error is a file that cannot be read as it is.
type Error struct {
	Msg string
	// NotUTF8: the file is in some other encoding, which a code page
	// could read: Encoding, the likeliest.
	NotUTF8 bool
	// UTF8: the file is UTF-8 text with characters beyond ASCII, which
	// the code page asked for, Encoding, would garble.
	UTF8 bool
	// Instead: the file is not in the encoding asked for; Encoding
	// names the one it is in.
	Instead  bool
	Encoding string
	// Line is where the file shows it, or 0 for its start.
	Line int
}

func (e *Error) Error() string { return e.Msg }

// Delimiters are the cell separators told from a heading row.
var Delimiters = []rune{',', ';', '\t', '|'}

const bufSize = 64 << 10

// Open prepares in for reading.
func Open(in io.Reader, o Options) (*Input, error) {
	br := bufio.NewReaderSize(in, bufSize)
	var dec transform.Transformer
	head, _ := br.Peek(512)
	switch {
	case isUTF16(canonical(o.Encoding)):
		name := canonical(o.Encoding)
		if err := checkUTF16(head, name); err != nil {
			return nil, err
		}
		if order, ok := utf16Order(head); ok && name == UTF16 {
			name = order
		}
		enc, _ := encodingFor(name)
		dec = enc.NewDecoder()
	case o.Encoding != "":
		enc, ok := encodingFor(o.Encoding)
		if !ok {
			return nil, &Error{Msg: CheckEncoding(o.Encoding).Error()}
		}
		if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
			br.Discard(3)
		} else if enc != nil {
			if at := utf8At(br); at >= 0 {
				head, _ := br.Peek(bufSize)
				r, _ := utf8.DecodeRune(head[at:])
				return nil, &Error{UTF8: true, Encoding: o.Encoding, Line: lineAt(head, at),
					Msg: fmt.Sprintf("the file is already UTF-8 text (it has %s), which reading it as %s would garble", safetext.Quote(string(r)), o.Encoding)}
			}
			dec = enc.NewDecoder()
		}
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		dec = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf\xef\xbb\xbf")):
		return nil, &Error{Msg: "the file starts with two byte order marks (U+FEFF); save it again as UTF-8"}
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
	default:
		if order, ok := utf16Order(head); ok {
			return nil, &Error{NotUTF8: true, Encoding: order, Line: 1,
				Msg: "the file looks like UTF-16 (Unicode text) without a byte order mark"}
		}
	}
	if dec != nil {
		br = bufio.NewReaderSize(transform.NewReader(br, dec), bufSize)
	} else if o.Encoding == "" && !o.JSON {
		if bad := invalidAt(br); bad >= 0 {
			head, _ := br.Peek(bufSize)
			// The place is the line (the error's FILE:LINE) and the
			// column on it, counted in bytes as an editor's goto does.
			at := fmt.Sprintf("at column %d", bad-max(bytes.LastIndexAny(head[:bad], "\r\n"), -1))
			e := &Error{NotUTF8: true, Encoding: guessCodePage(head), Msg: "the file is not UTF-8 text " + at + "; it was probably saved in a code page such as " + pageName(guessCodePage(head))}
			if crOnly(br) {
				e.Encoding = "macintosh"
				e.Msg = "the file is not UTF-8 text " + at + "; its lines end in a CR alone, as an old Mac's do, so it was probably saved in Mac OS Roman"
			}
			e.Line = lineAt(head, bad)
			return nil, e
		}
	}
	if crOnly(br) {
		// Old Mac line ends ("CSV (Macintosh)" from Excel).
		br = bufio.NewReaderSize(&crReader{r: br}, bufSize)
	}
	in2 := &Input{Reader: br, Delimiter: o.Delimiter}
	if o.Lines {
		if in2.Delimiter == 0 {
			in2.Delimiter = '\t'
		}
		return in2, nil
	}
	head, _ = br.Peek(bufSize)
	lines := headLines(head, 30)
	skip := o.Skip
	if !o.SkipSet {
		skip = 0
		for i, l := range lines {
			if looksLikeHeadings(l, o.Delimiter) {
				skip = i
				break
			}
		}
	}
	if skip > 0 {
		n := 0
		for range skip {
			line, err := br.ReadSlice('\n')
			n += len(line)
			if err != nil {
				break
			}
		}
		in2.Skipped = skip
		head, _ = br.Peek(bufSize)
		lines = headLines(head, 1)
	}
	if in2.Delimiter == 0 {
		in2.Delimiter = ','
		if len(lines) > 0 {
			in2.Delimiter = sniff(lines[0])
		}
	}
	return in2, nil
}

// invalidAt returns the offset of the first byte of the input's start
// that is not UTF-8, when the start reads as a single-byte code page: it
// holds bytes that are not UTF-8 and no character that is. A UTF-8 file
// with a stray bad byte is left to the check of each cell, which names
// the row.
func invalidAt(br *bufio.Reader) int {
	if bad, wide := scanUTF8(br); wide < 0 {
		return bad
	}
	return -1
}

// utf8At returns the offset of the first character of the input's start
// that is UTF-8 beyond ASCII, when the start holds no byte that is not
// UTF-8: a file a single-byte code page would garble. Else -1.
func utf8At(br *bufio.Reader) int {
	if bad, wide := scanUTF8(br); bad < 0 {
		return wide
	}
	return -1
}

// scanUTF8 returns the offsets in the input's start of the first byte
// that is not UTF-8 and of the first character beyond ASCII, or -1. A
// character cut by the end of the peek is not counted.
func scanUTF8(br *bufio.Reader) (bad, wide int) {
	head, _ := br.Peek(bufSize)
	bad, wide = -1, -1
	for i := 0; i < len(head) && (bad < 0 || wide < 0); {
		if head[i] < utf8.RuneSelf {
			i++ // ASCII, most of any file: nothing to decode
			continue
		}
		r, n := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:]) {
				return bad, wide
			}
			if bad < 0 {
				bad = i
			}
		case n > 1 && wide < 0:
			wide = i
		}
		i += n
	}
	return bad, wide
}

// lineAt is the 1-based line of the text's start that holds offset: lines
// end in LF, or in CR alone in a file without LF.
func lineAt(head []byte, offset int) int {
	end := byte('\n')
	if bytes.IndexByte(head, '\n') < 0 {
		end = '\r'
	}
	return 1 + bytes.Count(head[:offset], []byte{end})
}

// headLines returns up to n lines of the start of the text.
func headLines(head []byte, n int) []string {
	var out []string
	for len(out) < n && len(head) > 0 {
		i := bytes.IndexByte(head, '\n')
		if i < 0 {
			out = append(out, string(head))
			break
		}
		out = append(out, strings.TrimSuffix(string(head[:i]), "\r"))
		head = head[i+1:]
	}
	return out
}

// sniff tells the delimiter of a heading row: the one of Delimiters that
// occurs most outside quotes; ',' when none does.
func sniff(line string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		if r == '"' {
			quoted = !quoted
		} else if !quoted && slices.Contains(Delimiters, r) {
			counts[r]++
		}
	}
	best := ','
	for _, d := range Delimiters {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// looksLikeHeadings reports whether a line reads as a heading row: one
// of its cells names the requester (name, first name, last name).
func looksLikeHeadings(line string, delim rune) bool {
	if delim == 0 {
		delim = sniff(line)
	}
	for _, c := range strings.Split(line, string(delim)) {
		switch Field(strings.Trim(strings.TrimSpace(c), `"`)) {
		case "name", "first_name", "last_name":
			return true
		}
	}
	return false
}

// crOnly reports whether the input's lines end with a CR alone: its
// start holds a CR and no LF. A stray CR in a file of LF or CR LF lines
// is left alone, to be refused where it is.
func crOnly(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	return bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0
}

// crReader turns CR line ends into LF (and a CR LF into one LF).
type crReader struct {
	r      io.Reader
	lastCR bool
}

func (c *crReader) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		j := 0
		for _, b := range p[:n] {
			switch {
			case b == '\r':
				p[j] = '\n'
				j++
			case b == '\n' && c.lastCR:
			default:
				p[j] = b
				j++
			}
			c.lastCR = b == '\r'
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
