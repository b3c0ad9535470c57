package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/safetext"
)

// Limits on an .xlsx workbook. A sheet of requests is a few hundred
// kilobytes; these are far beyond any real one and keep a zip bomb or a
// hostile sheet from taking the machine's memory or disk.
var (
	// MaxXLSX caps a workbook read from a stream, which is held in
	// memory: zip needs to seek.
	MaxXLSX int64 = 256 << 20
	// MaxXLSXPart caps the uncompressed size of the sheet's XML.
	MaxXLSXPart int64 = 1 << 30
	// MaxSharedStrings caps the uncompressed size of the shared strings,
	// which are held in memory.
	MaxSharedStrings int64 = 128 << 20
	// MaxSharedCount caps how many shared strings a workbook may have:
	// two for each row a sheet can have. Each costs some bytes of
	// memory and time to read, however short.
	MaxSharedCount = 2 * maxXLSXRow
)

// MaxCell is the most bytes of a cell the batch reader takes. A longer
// cell is read only as far as MaxCell+1 bytes, with filler where it was
// cut, so that it is still longer than MaxCell and stays a bad row,
// while memory holds no more than that.
const MaxCell = 16 << 10

// MaxRow is the most bytes of a row the batch reader takes; a longer
// sheet row stops the reading, before memory holds more of it.
const MaxRow = 256 << 10

// maxMarkup caps a run of markup between '<' and '>' (a tag, a comment,
// a CDATA section), which the XML decoder holds whole.
const maxMarkup = 1 << 20

const (
	// maxXLSXColumn is the last column a sheet can have (XFD), and
	// maxXLSXRow its last row.
	maxXLSXColumn = 16384
	maxXLSXRow    = 1 << 20
)

// SheetError is a workbook that has no sheet of the name asked for.
type SheetError struct {
	Name   string
	Sheets []string
}

func (e *SheetError) Error() string {
	q := make([]string, len(e.Sheets))
	for i, s := range e.Sheets {
		q[i] = safetext.Quote(s)
	}
	return fmt.Sprintf("the workbook has no sheet %s (its sheets: %s)", safetext.Quote(e.Name), strings.Join(q, ", "))
}

// OpenXLSX reads one sheet of an .xlsx workbook, the first visible one
// or the one named name, as CSV text with a ',' delimiter and one line a sheet row
// (an empty row is an empty line, so that line numbers are row numbers
// unless a cell holds a line break). Text, numbers and booleans are
// given as the sheet stores them; a formula gives its saved result.
//
// in is read whole unless it is an io.ReaderAt with a size (an
// *os.File). A workbook that is not one, lacks a part or exceeds the
// limits is an *Error or a *SheetError. Close the reader when done: the
// sheet is converted as it is read.
func OpenXLSX(in io.Reader, name string) (io.ReadCloser, error) {
	zr, err := openZip(in)
	if err != nil {
		return nil, err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	book := &bookRows{}
	sheetPath, err := findSheet(parts, name, book)
	if err != nil {
		return nil, err
	}
	sheet, ok := parts[sheetPath]
	if !ok {
		return nil, xlsxError("the workbook lacks its sheet %s", sheetPath)
	}
	var shared *sharedTable
	if f, ok := parts["xl/sharedStrings.xml"]; ok {
		if shared, err = readShared(f); err != nil {
			return nil, err
		}
	}
	rc, err := openPart(sheet, MaxXLSXPart)
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	go func() {
		defer rc.Close()
		pw.CloseWithError(writeRows(pw, xml.NewDecoder(&textCap{r: rc}), shared))
	}()
	book.PipeReader = pr
	return book, nil
}

// bookRows is a sheet being converted, which knows its workbook's sheets.
type bookRows struct {
	*io.PipeReader
	sheet  string
	sheets []string
}

// SheetsOf returns, for a reader OpenXLSX gave, the name of the sheet it
// reads and the names of all the workbook's sheets, for a message about
// what it found there; nothing for any other reader.
func SheetsOf(r any) (read string, all []string) {
	if b, ok := r.(*bookRows); ok {
		return b.sheet, b.sheets
	}
	return "", nil
}

func xlsxError(format string, args ...any) *Error {
	return &Error{Msg: "not a readable .xlsx workbook: " + fmt.Sprintf(format, args...)}
}

// fileLike is an input zip can read in place, such as an *os.File.
type fileLike interface {
	io.ReaderAt
	Stat() (os.FileInfo, error)
}

// openZip opens the workbook's zip archive.
func openZip(in io.Reader) (*zip.Reader, error) {
	var ra io.ReaderAt
	var size int64
	if f, ok := in.(fileLike); ok {
		info, err := f.Stat()
		if err != nil {
			return nil, err
		}
		ra, size = f, info.Size()
	} else {
		data, err := io.ReadAll(io.LimitReader(in, MaxXLSX+1))
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > MaxXLSX {
			return nil, &Error{Msg: fmt.Sprintf("the workbook is larger than %d MiB, the most read from a stream; give it as a file", MaxXLSX>>20)}
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, xlsxError("it is not a zip archive (%v)", err)
	}
	return zr, nil
}

// openPart opens a part of the archive, reading at most limit bytes of
// it whatever its header says.
func openPart(f *zip.File, limit int64) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &Error{Msg: fmt.Sprintf("%s is %d MiB uncompressed, more than the %d MiB read of it", f.Name, f.UncompressedSize64>>20, limit>>20)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, xlsxError("%s: %v", f.Name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{&limitedPart{r: rc, name: f.Name, left: limit}, rc}, nil
}

// limitedPart fails, rather than ends, past its limit: a part whose
// header understates its size is refused, not read cut short.
type limitedPart struct {
	r    io.Reader
	name string
	left int64
}

func (l *limitedPart) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return 0, &Error{Msg: fmt.Sprintf("%s is larger uncompressed than its header says or than decline reads", l.name)}
	}
	if err != nil && err != io.EOF {
		err = xlsxError("%s: %v", l.name, err)
	}
	return n, err
}

// findSheet is the path of the sheet named name, or of the first
// visible one.
// It records in book the names of the sheet and of all the sheets.
func findSheet(parts map[string]*zip.File, name string, book *bookRows) (string, error) {
	var wb struct {
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"` // hidden or veryHidden, or empty
			ID    string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(parts, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if len(wb.Sheets) == 0 {
		return "", xlsxError("its workbook lists no sheet")
	}
	// The first sheet Excel shows: a hidden one before it holds lookups
	// or old data, not the requests the user sees on opening the file.
	i := 0
	for j, s := range wb.Sheets {
		if s.State != "hidden" && s.State != "veryHidden" {
			i = j
			break
		}
	}
	names := make([]string, len(wb.Sheets))
	for j, s := range wb.Sheets {
		names[j] = s.Name
	}
	if name != "" {
		i = slices.IndexFunc(names, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(name)) })
		if i < 0 {
			return "", &SheetError{Name: name, Sheets: names}
		}
	}
	book.sheet, book.sheets = names[i], names
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(parts, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, r := range rels.Rel {
		if r.ID == wb.Sheets[i].ID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return "", xlsxError("its workbook does not say where sheet %s is", safetext.Quote(wb.Sheets[i].Name))
}

// decodePart reads a small part of the archive into v.
func decodePart(parts map[string]*zip.File, name string, v any) error {
	f, ok := parts[name]
	if !ok {
		return xlsxError("it lacks %s", name)
	}
	rc, err := openPart(f, 16<<20)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return partError(name, err)
	}
	return nil
}

// partError words a failure to read a part: a limit as it is, else
// the XML error.
func partError(name string, err error) error {
	if e := (*Error)(nil); errors.As(err, &e) {
		return e
	}
	return xlsxError("%s: %v", name, err)
}

// sharedTable is the shared strings, each held once in data: string i
// is data[ends[i-1]:ends[i]].
type sharedTable struct {
	data []byte
	ends []uint32
}

func (t *sharedTable) len() int {
	if t == nil {
		return 0
	}
	return len(t.ends)
}

func (t *sharedTable) get(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return string(t.data[start:t.ends[i]])
}

// readShared reads the shared strings: each <si> is one string, the text
// of its <t> elements (rich text has several runs), without phonetic
// guides (<rPh>). A string is kept only to MaxCell+1 bytes (see
// MaxCell); more than MaxSharedCount of them are refused.
func readShared(f *zip.File) (*sharedTable, error) {
	rc, err := openPart(f, MaxSharedStrings)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(&textCap{r: rc})
	shared := &sharedTable{}
	var b cellValue
	inT, inPh := false, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return shared, nil
		}
		if err != nil {
			return nil, partError(f.Name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
				if len(shared.ends) >= MaxSharedCount {
					return nil, &Error{Msg: fmt.Sprintf("the workbook has more than %d shared strings, more than decline reads", MaxSharedCount)}
				}
			case "t":
				inT = true
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				shared.data = append(shared.data, b.Bytes()...)
				shared.ends = append(shared.ends, uint32(len(shared.data)))
			case "t":
				inT = false
			case "rPh":
				inPh--
			}
		case xml.CharData:
			if inT && inPh == 0 {
				b.Write(t)
			}
		}
	}
}

// cellValue is a cell's text, kept to MaxCell+1 bytes: enough to say it
// is too long.
type cellValue struct{ bytes.Buffer }

func (c *cellValue) Write(p []byte) {
	if room := MaxCell + 1 - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
}

// textCap passes a part's XML on with each run of text between markup
// cut short past MaxCell bytes, so that the XML decoder, which holds a
// run of text whole, never holds more than about that. The cut is made
// at the start of a character outside an entity, and MaxCell+1 bytes of
// filler follow it, so the text is still too long once decoded, whatever
// its entities. A run of markup longer than maxMarkup is an error.
type textCap struct {
	r        io.Reader
	inMarkup bool
	run      int  // bytes of the current run
	inEntity bool // after '&', before ';'
	cutting  bool // dropping the rest of a run of text
	filler   int  // bytes of filler still to give
}

func (c *textCap) Read(p []byte) (int, error) {
	for {
		// A read whose bytes were all dropped gives nothing: read on.
		n, err := c.read(p)
		if n > 0 || err != nil || len(p) == 0 {
			return n, err
		}
	}
}

func (c *textCap) read(p []byte) (int, error) {
	if c.filler > 0 {
		n := min(len(p), c.filler)
		for i := range n {
			p[i] = 'x'
		}
		c.filler -= n
		return n, nil
	}
	n, err := c.r.Read(p)
	out := 0
	for i := 0; i < n; i++ {
		b := p[i]
		if c.inMarkup {
			c.run++
			if c.run > maxMarkup {
				return 0, xlsxError("its XML has markup longer than %d bytes", maxMarkup)
			}
			if b == '>' {
				c.inMarkup, c.run = false, 0
			}
			p[out] = b
			out++
			continue
		}
		if b == '<' {
			c.inMarkup, c.run, c.inEntity, c.cutting = true, 0, false, false
			if c.filler > 0 {
				// Give the filler first; the rest of p is read again.
				return out, c.giveBack(p[i:n], err)
			}
			p[out] = b
			out++
			continue
		}
		if c.cutting {
			continue
		}
		if c.run >= MaxCell && !c.inEntity && (b < 0x80 || b >= 0xc0) {
			c.cutting, c.filler = true, MaxCell+1
			continue
		}
		c.run++
		switch b {
		case '&':
			c.inEntity = true
		case ';':
			c.inEntity = false
		}
		p[out] = b
		out++
	}
	return out, err
}

// giveBack keeps rest, which Read has taken from the part, to be read
// after the filler.
func (c *textCap) giveBack(rest []byte, err error) error {
	tail := io.Reader(bytes.NewReader(bytes.Clone(rest)))
	if err != nil && err != io.EOF {
		tail = io.MultiReader(tail, errReader{err})
	}
	if err == io.EOF {
		c.r = tail
	} else {
		c.r = io.MultiReader(tail, c.r)
	}
	// The '<' at rest[0] is read again, as markup already begun.
	c.inMarkup, c.run = false, 0
	return nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// writeRows writes the rows of a sheet's XML as CSV lines.
func writeRows(w io.Writer, d *xml.Decoder, shared *sharedTable) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	var cells []string
	row := 0 // the last row written
	rowBytes := 0
	inRow := false
	var cell struct {
		col       int
		typ       string
		value     cellValue
		inV, inIs bool
		inT       bool
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return partError("the sheet", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				r := row + 1
				if s := attr(t, "r"); s != "" {
					n, err := strconv.Atoi(s)
					if err != nil || n <= row || n > maxXLSXRow {
						return xlsxError("row %s is out of order", safetext.Quote(s))
					}
					r = n
				}
				for ; row < r-1; row++ {
					bw.WriteString("\n")
				}
				row, inRow, cells, rowBytes = r, true, cells[:0], 0
			case "c":
				if !inRow {
					continue
				}
				col := len(cells) + 1
				if ref := attr(t, "r"); ref != "" {
					c, ok := columnOf(ref)
					if !ok || c < len(cells)+1 {
						return xlsxError("row %d has a cell %s out of order", row, safetext.Quote(ref))
					}
					col = c
				}
				if col-1 > maxXLSXColumn {
					return xlsxError("row %d has a cell past the last column", row)
				}
				for len(cells) < col-1 {
					cells = append(cells, "")
				}
				cell.col, cell.typ = col, attr(t, "t")
				cell.value.Reset()
			case "v":
				cell.inV = true
			case "is":
				cell.inIs = true
			case "t":
				cell.inT = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				if err := cw.Write(cells); err != nil {
					return err
				}
				cw.Flush()
				inRow = false
			case "c":
				if inRow {
					v, err := cellText(cell.typ, cell.value.String(), shared)
					if err != nil {
						return xlsxError("cell %s%d: %v", columnName(cell.col), row, err)
					}
					if rowBytes += len(v) + 1; rowBytes > MaxRow {
						return &Error{Line: row, Msg: fmt.Sprintf("a row here is longer than %d KiB, the most a row can be", MaxRow>>10)}
					}
					cells = append(cells, v)
				}
			case "v":
				cell.inV = false
			case "is":
				cell.inIs = false
			case "t":
				cell.inT = false
			}
		case xml.CharData:
			if cell.inV || cell.inIs && cell.inT {
				cell.value.Write(t)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// cellText is a cell's value as text, by its type.
func cellText(typ, v string, shared *sharedTable) (string, error) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= shared.len() {
			return "", fmt.Errorf("no shared string %s", safetext.Quote(v))
		}
		return shared.get(i), nil
	case "b":
		if strings.TrimSpace(v) == "1" {
			return "TRUE", nil
		}
		return "FALSE", nil
	}
	return v, nil // n, str, inlineStr, e, d: as stored
}

// columnOf is the 1-based column of a cell reference such as "C5".
func columnOf(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if col > maxXLSXColumn {
			return 0, false
		}
	}
	return col, i > 0
}

// columnName is the letters of a 1-based column.
func columnName(col int) string {
	s := ""
	for ; col > 0; col = (col - 1) / 26 {
		s = string(rune('A'+(col-1)%26)) + s
	}
	return s
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
