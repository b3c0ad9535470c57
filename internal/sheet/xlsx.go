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
)

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

// OpenXLSX reads one sheet of an .xlsx workbook, the first or the one
// named name, as CSV text with a ',' delimiter and one line a sheet row
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
	sheetPath, err := findSheet(parts, name)
	if err != nil {
		return nil, err
	}
	sheet, ok := parts[sheetPath]
	if !ok {
		return nil, xlsxError("the workbook lacks its sheet %s", sheetPath)
	}
	var shared []string
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
		pw.CloseWithError(writeRows(pw, xml.NewDecoder(rc), shared))
	}()
	return pr, nil
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

// findSheet is the path of the sheet named name, or of the first.
func findSheet(parts map[string]*zip.File, name string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(parts, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if len(wb.Sheets) == 0 {
		return "", xlsxError("its workbook lists no sheet")
	}
	i := 0
	if name != "" {
		i = -1
		names := make([]string, len(wb.Sheets))
		for j, s := range wb.Sheets {
			names[j] = s.Name
			if i < 0 && strings.EqualFold(strings.TrimSpace(s.Name), strings.TrimSpace(name)) {
				i = j
			}
		}
		if i < 0 {
			return "", &SheetError{Name: name, Sheets: names}
		}
	}
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

// readShared reads the shared strings: each <si> is one string, the text
// of its <t> elements (rich text has several runs), without phonetic
// guides (<rPh>).
func readShared(f *zip.File) ([]string, error) {
	rc, err := openPart(f, MaxSharedStrings)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var shared []string
	var b strings.Builder
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
			case "t":
				inT = true
			case "rPh":
				inPh++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				shared = append(shared, b.String())
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

// writeRows writes the rows of a sheet's XML as CSV lines.
func writeRows(w io.Writer, d *xml.Decoder, shared []string) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	var cells []string
	row := 0 // the last row written
	inRow := false
	var cell struct {
		col       int
		typ       string
		value     strings.Builder
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
				row, inRow, cells = r, true, cells[:0]
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
func cellText(typ, v string, shared []string) (string, error) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(shared) {
			return "", fmt.Errorf("no shared string %s", safetext.Quote(v))
		}
		return shared[i], nil
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
