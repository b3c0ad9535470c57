// Package batch reads the requests of a batch run (CSV, TSV or JSON Lines,
// one requester per row), resolves each row to a template and a request,
// names the files of an output directory, and writes them without ever
// leaving half a file behind.
//
// Everything here streams: a Reader holds one row at a time, and its size
// is capped, so memory does not grow with the length of the input nor
// with a hostile row. It knows nothing of commands or terminals.
package batch

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/reply"

	"github.com/decline-cli/decline/internal/safetext"
)

// Format is an input format.
type Format string

// The input formats.
const (
	CSV   Format = "csv"
	TSV   Format = "tsv"
	JSONL Format = "jsonl"
)

// Formats lists the input formats, in the order help shows them.
var Formats = []string{string(CSV), string(TSV), string(JSONL)}

// FormatOf tells an input format from a file name's extension.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, true
	case ".tsv", ".tab":
		return TSV, true
	case ".jsonl", ".ndjson":
		return JSONL, true
	}
	return "", false
}

// Limits on the input. A request row is a few hundred bytes; these are
// far beyond any real spreadsheet and keep a hostile one from taking the
// machine's memory.
const (
	// MaxRecord caps one row (one line, or one CSV record over several
	// lines), in bytes.
	MaxRecord = 256 << 10
	// MaxCell caps one cell, in bytes.
	MaxCell = 16 << 10
	// MaxColumns caps the number of columns of the header, or of keys in
	// a JSON object.
	MaxColumns = 1000
)

// Row is one request, as the input gave it. Cells are trimmed of
// surrounding spaces (safetext.TrimSpace: a tab or line break at either
// end stays, to be refused); an empty cell is the same as a missing
// column.
type Row = reply.Row

// Error is a problem with the input at a line. A row error (Fatal false)
// concerns that row alone and reading can go on; a fatal one ends the
// input.
type Error struct {
	Line  int
	Msg   string
	Fatal bool
	// Looks is the format the input seems to be in instead, when a
	// header without a name column suggests one.
	Looks Format
}

// LooksLike words an Error's Looks: "this looks like JSON Lines".
func (e *Error) LooksLike() string {
	switch e.Looks {
	case JSONL:
		return "this looks like JSON Lines"
	case TSV:
		return "this looks tab-separated"
	case CSV:
		return "this looks comma-separated"
	}
	return ""
}

func (e *Error) Error() string {
	if looks := e.LooksLike(); looks != "" {
		return fmt.Sprintf("line %d: %s (%s)", e.Line, e.Msg, looks)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Reader reads rows from an input, one at a time.
type Reader struct {
	format Format
	next   func() (*Row, error)
	row    Row

	// CSV and TSV
	header    []column
	csv       *csv.Reader
	guard     *guard
	looksJSON bool // the CSV input starts with '{'
	lines     *lineReader
	prevEnd   int // CSV: the line where the previous record ended
}

// column says where a cell goes.
type column struct {
	name  string // normalised
	field *string
}

var errRecordTooLong = errors.New("record too long")

// NewReader starts reading an input: it skips a UTF-8 byte order mark
// and, for CSV and TSV, reads the header row. An unreadable header is a
// fatal *Error.
func NewReader(in io.Reader, format Format) (*Reader, error) {
	br := bufio.NewReaderSize(in, 64<<10)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	if msg := encodingProblem(br); msg != "" {
		return nil, &Error{Line: 1, Msg: msg, Fatal: true}
	}
	if crOnly(br) {
		// Old Mac line ends ("CSV (Macintosh)" from Excel): encoding/csv
		// and the line reader know only LF and CR LF, and would take the
		// whole file for its header.
		br = bufio.NewReaderSize(&crReader{r: br}, 64<<10)
	}
	r := &Reader{format: format}
	r.row.Values = map[string]string{}
	switch format {
	case CSV:
		r.guard = &guard{r: br, quote: -1}
		r.csv = csv.NewReader(r.guard)
		r.csv.ReuseRecord = true
		first, _ := br.Peek(1)
		r.looksJSON = string(first) == "{"
		r.next = r.nextCSV
		return r, r.readCSVHeader()
	case TSV:
		r.lines = &lineReader{r: br}
		r.next = r.nextTSV
		return r, r.readTSVHeader()
	case JSONL:
		r.lines = &lineReader{r: br}
		r.next = r.nextJSON
		return r, nil
	}
	return nil, fmt.Errorf("unknown input format %s (choose one of: %s)", safetext.Quote(string(format)), strings.Join(Formats, ", "))
}

// Next returns the next row, or io.EOF after the last. The row is reused
// by the following call. An *Error that is not Fatal reports a bad row;
// Next can be called again to read on.
func (r *Reader) Next() (*Row, error) { return r.next() }

// reset empties the reused row for the row that starts at line.
func (r *Reader) reset(line int) *Row {
	values := r.row.Values
	clear(values)
	r.row = Row{Line: line, Values: values}
	return &r.row
}

// fieldOf returns where a column of the given (normalised) name goes in
// the reused row, or nil for an extra value.
func (r *Reader) fieldOf(name string) *string {
	switch name {
	case "name":
		return &r.row.Name
	case "email":
		return &r.row.Email
	case "first_name":
		return &r.row.FirstName
	case "kind":
		return &r.row.Kind
	case "relationship":
		return &r.row.Relationship
	case "tone":
		return &r.row.Tone
	case "template":
		return &r.row.Template
	case "variant":
		return &r.row.Variant
	case "note":
		return &r.row.Note
	}
	return nil
}

// ColumnName normalises a column heading or JSON key: trimmed, lower
// case, with spaces and '-' as '_', so that "First Name" is first_name,
// and with the other names spreadsheets give the known columns ("E-mail",
// "Email Address", "Full Name", "Given name") mapped to ours.
func ColumnName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, s)
	if canonical, ok := columnAliases[s]; ok {
		return canonical
	}
	return s
}

// columnAliases are other headings for the known columns.
var columnAliases = map[string]string{
	"e_mail":         "email",
	"email_address":  "email",
	"e_mail_address": "email",
	"mail":           "email",
	"full_name":      "name",
	"firstname":      "first_name",
	"given_name":     "first_name",
}

// setHeader maps the header's cells to columns.
func (r *Reader) setHeader(cells []string) error {
	fail := func(format string, args ...any) error {
		return &Error{Line: 1, Msg: fmt.Sprintf(format, args...), Fatal: true}
	}
	if len(cells) > MaxColumns {
		return fail("the header has %d columns, more than the %d allowed", len(cells), MaxColumns)
	}
	r.header = make([]column, len(cells))
	seen := make(map[string]int, len(cells))
	hasName := false
	var badHeading error
	for i, c := range cells {
		if p := safetext.Check(c, false); p != nil && badHeading == nil {
			badHeading = fail("the heading of column %d, %s, %s; the first row must name the columns", i+1, safetext.Quote(c), p.Reason)
		}
		name := ColumnName(c)
		if name == "" {
			continue // an unnamed column is ignored, like any unused one
		}
		if len(name) > 64 {
			return fail("column %d has a heading longer than 64 bytes: %s", i+1, safetext.Quote(name))
		}
		if j, dup := seen[name]; dup {
			return fail("column %s appears twice in the header (columns %d and %d)", safetext.Quote(name), j+1, i+1)
		}
		seen[name] = i
		r.header[i] = column{name: name, field: r.fieldOf(name)}
		hasName = hasName || name == "name"
	}
	if !hasName {
		e, hinted := noNameColumn(cells, r.format)
		if badHeading != nil && !hinted {
			return badHeading
		}
		return e
	}
	if badHeading != nil {
		return badHeading
	}
	return nil
}

// noNameColumn explains a header without a name column, guessing at the
// likely mistake; hinted says whether it could.
func noNameColumn(cells []string, format Format) (e *Error, hinted bool) {
	msg := "the header row has no name column; the first row must name the columns, e.g. name,email,relationship"
	if format == TSV {
		msg = "the header row has no name column; the first row must name the columns, separated by tabs"
	}
	first := ""
	if len(cells) > 0 {
		first = strings.TrimSpace(cells[0])
	}
	e = &Error{Line: 1, Msg: msg, Fatal: true}
	switch {
	case strings.HasPrefix(first, "{"):
		e.Looks = JSONL
	case format == CSV && len(cells) == 1 && strings.Contains(first, "\t"):
		e.Looks = TSV
	case format == TSV && len(cells) == 1 && strings.Contains(first, ","):
		e.Looks = CSV
	case len(cells) == 1 && strings.Contains(first, ";"):
		e.Msg += " (this looks semicolon-separated, as some spreadsheets save CSV: save it with commas, or as tab-separated text)"
	default:
		return e, false
	}
	return e, true
}

// fill puts a data row's cells into the reused row.
func (r *Reader) fill(row *Row, cells []string) error {
	// Fewer cells than headings: the missing ones at the end are empty,
	// as hand-written CSV often leaves them out. More is a mistake.
	if len(cells) > len(r.header) {
		return &Error{Line: row.Line, Msg: cellCount(len(cells), len(r.header))}
	}
	for i, c := range cells {
		col := r.header[i]
		if col.name == "" {
			continue
		}
		if err := r.set(row, col.name, col.field, c); err != nil {
			return err
		}
	}
	return nil
}

func cellCount(got, want int) string {
	return fmt.Sprintf("the row has %d cells, more than the %d columns of the header", got, want)
}

// set stores one cell.
func (r *Reader) set(row *Row, name string, field *string, value string) error {
	if len(value) > MaxCell {
		return &Error{Line: row.Line, Msg: fmt.Sprintf("column %s is %d bytes long, more than the %d allowed", safetext.Quote(name), len(value), MaxCell)}
	}
	value = safetext.TrimSpace(value)
	switch {
	case field != nil:
		*field = value
	case value != "":
		row.Values[name] = value
	}
	return nil
}

// readCSVHeader reads the header record of a CSV input.
func (r *Reader) readCSVHeader() error {
	cells, err := r.read()
	if err == io.EOF {
		return &Error{Line: 1, Msg: "the input is empty; the first row must name the columns, e.g. name,email,relationship", Fatal: true}
	}
	if err != nil && r.looksJSON {
		e, _ := noNameColumn([]string{"{"}, CSV)
		return e
	}
	if err != nil {
		return r.csvError(err, true)
	}
	r.csv.FieldsPerRecord = -1 // counted by fill, with a clearer message
	r.prevEnd = r.endLine(cells)
	return r.setHeader(cells)
}

// read reads a CSV record, with the guard's count restarting at it.
func (r *Reader) read() ([]string, error) {
	r.guard.start = r.csv.InputOffset()
	return r.csv.Read()
}

// endLine is the line where the record just read ends.
func (r *Reader) endLine(cells []string) int {
	last := len(cells) - 1
	line, _ := r.csv.FieldPos(last)
	return line + strings.Count(cells[last], "\n")
}

func (r *Reader) nextCSV() (*Row, error) {
	for {
		cells, err := r.read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.csvError(err, false)
		}
		start, _ := r.csv.FieldPos(0)
		r.prevEnd = r.endLine(cells)
		if blank(cells) {
			continue
		}
		row := r.reset(start)
		if err := r.fill(row, cells); err != nil {
			return nil, err
		}
		return row, nil
	}
}

// blank reports whether every cell is empty: a spreadsheet's trailing
// rows, which are skipped.
func blank(cells []string) bool {
	for _, c := range cells {
		if safetext.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvError turns an error of encoding/csv into an *Error at the line
// where the record starts.
func (r *Reader) csvError(err error, header bool) error {
	if errors.Is(err, errRecordTooLong) {
		msg := fmt.Sprintf("a row here is longer than %d KiB; is a quote left open?", MaxRecord>>10)
		if r.guard.quote < r.guard.start {
			// No quote since the row began: one huge line, such as
			// millions of commas.
			msg = fmt.Sprintf("a row here is longer than %d KiB, the most a row can be", MaxRecord>>10)
		}
		return &Error{Line: r.prevEnd + 1, Fatal: true, Msg: msg}
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err // a read error
	}
	r.prevEnd = pe.Line
	msg := fmt.Sprintf("not valid CSV: %v (line %d, column %d)", pe.Err, pe.Line, pe.Column)
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = "not valid CSV: a quoted cell is not closed, or a \" in it is not doubled"
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = fmt.Sprintf("not valid CSV: a \" in a cell that is not quoted (line %d, column %d); quote the cell and double the \"", pe.Line, pe.Column)
	}
	return &Error{Line: pe.StartLine, Msg: msg, Fatal: header}
}

// guard fails a read once the CSV reader has gone further than
// MaxRecord past the end of the last complete record, so an open quote
// cannot make encoding/csv buffer the whole input.
type guard struct {
	r     io.Reader
	n     int64 // bytes read
	start int64 // where the record being read starts
	quote int64 // where the last '"' read was, or -1
}

func (g *guard) Read(p []byte) (int, error) {
	if g.n-g.start > MaxRecord {
		return 0, errRecordTooLong
	}
	n, err := g.r.Read(p)
	// IndexByte is vectorised and LastIndexByte is not: most input
	// has no quote at all, and is passed over quickly.
	if i := bytes.IndexByte(p[:n], '"'); i >= 0 {
		g.quote = g.n + int64(i+bytes.LastIndexByte(p[i:n], '"'))
	}
	g.n += int64(n)
	return n, err
}

// lineReader reads lines of at most MaxRecord bytes, counting them.
type lineReader struct {
	r    *bufio.Reader
	line int // the number of the line last returned
	buf  []byte
}

// next returns the next line without its line ending. A line that is too
// long is skipped and reported as a row error.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > MaxRecord+2 {
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && (len(l.buf) > 0 || tooLong) {
			err = nil
		}
		if err != nil {
			return nil, err
		}
		l.line++
		if tooLong {
			return nil, &Error{Line: l.line, Msg: fmt.Sprintf("the line is longer than %d KiB", MaxRecord>>10)}
		}
		b := bytes.TrimSuffix(l.buf, []byte("\n"))
		return bytes.TrimSuffix(b, []byte("\r")), nil
	}
}

func (r *Reader) readTSVHeader() error {
	for {
		line, err := r.lines.next()
		if err == io.EOF {
			return &Error{Line: 1, Msg: "the input is empty; the first line must name the columns, separated by tabs", Fatal: true}
		}
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.Fatal = true
			}
			return err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		return r.setHeader(strings.Split(string(line), "\t"))
	}
}

func (r *Reader) nextTSV() (*Row, error) {
	for {
		line, err := r.lines.next()
		if err != nil {
			return nil, err
		}
		if len(bytes.Trim(line, " \t")) == 0 {
			continue
		}
		row := r.reset(r.lines.line)
		// Count before splitting, so a line of tabs costs no memory.
		if n := bytes.Count(line, []byte("\t")) + 1; n > len(r.header) {
			return nil, &Error{Line: row.Line, Msg: cellCount(n, len(r.header))}
		}
		if err := r.fill(row, strings.Split(string(line), "\t")); err != nil {
			return nil, err
		}
		return row, nil
	}
}

func (r *Reader) nextJSON() (*Row, error) {
	for {
		line, err := r.lines.next()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		row := r.reset(r.lines.line)
		if err := r.decodeObject(row, line); err != nil {
			return nil, &Error{Line: row.Line, Msg: err.Error()}
		}
		return row, nil
	}
}

// decodeObject reads one JSON object of string values into the row.
// Numbers are taken as written and null as an empty cell, so that
// {"variant": 2} works; anything else is an error.
func (r *Reader) decodeObject(row *Row, line []byte) error {
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD; the
	// policy is to refuse it.
	if !utf8.Valid(line) {
		return errors.New("the line is not valid UTF-8 (save the file as UTF-8)")
	}
	// So would it a lone surrogate escape, such as "A\ud800B".
	if i := loneSurrogate(line); i >= 0 {
		return fmt.Errorf("the line holds a lone surrogate escape (%s), which is not a character", line[i:i+6])
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return jsonError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return errors.New("not a JSON object; each line must be one object such as {\"name\": \"Scott Lee\"}")
	}
	seen := make(map[string]bool, 8)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return jsonError(err)
		}
		key := ColumnName(tok.(string)) // object keys are always strings
		if len(seen) == MaxColumns {
			return fmt.Errorf("the object has more than %d keys", MaxColumns)
		}
		if seen[key] {
			return fmt.Errorf("key %s appears twice", safetext.Quote(key))
		}
		seen[key] = true
		tok, err = dec.Token()
		if err != nil {
			return jsonError(err)
		}
		var value string
		switch v := tok.(type) {
		case string:
			value = v
		case json.Number:
			value = v.String()
		case nil:
		default:
			return fmt.Errorf("the value of %s is not a string", safetext.Quote(key))
		}
		if key == "" {
			continue
		}
		if err := r.set(row, key, r.fieldOf(key), value); err != nil {
			return errors.New(err.(*Error).Msg)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("not valid JSON Lines: more than one value on the line")
	}
	return nil
}

func jsonError(err error) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("not valid JSON: the object is not closed")
	}
	return fmt.Errorf("not valid JSON: %v", err)
}

// crOnly reports whether the input's lines end with a CR alone: its
// start (64 KiB) holds a CR and no LF. A stray CR in a file of LF or CR LF
// lines is left alone, to be refused where it is.
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

// encodingProblem says what an input that is not UTF-8 text looks like,
// from its start: UTF-16 (Excel's "Unicode Text"), or a second byte
// order mark.
func encodingProblem(br *bufio.Reader) string {
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")),
		len(head) >= 4 && (head[0] == 0) != (head[1] == 0) && (head[2] == 0) != (head[3] == 0):
		return "the file looks like UTF-16 (Unicode text); save it as UTF-8"
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return "the file starts with two byte order marks (U+FEFF); save it again as UTF-8"
	}
	return ""
}

// loneSurrogate returns the offset of the first \uD800-\uDFFF escape
// that is not half of a pair, or -1.
func loneSurrogate(line []byte) int {
	hex4 := func(i int) rune {
		if i+6 > len(line) || line[i] != '\\' || line[i+1] != 'u' {
			return -1
		}
		var r rune
		for _, c := range line[i+2 : i+6] {
			switch {
			case '0' <= c && c <= '9':
				r = r<<4 | rune(c-'0')
			case 'a' <= c && c <= 'f':
				r = r<<4 | rune(c-'a'+10)
			case 'A' <= c && c <= 'F':
				r = r<<4 | rune(c-'A'+10)
			default:
				return -1
			}
		}
		return r
	}
	for i := bytes.IndexByte(line, '\\'); i >= 0 && i < len(line)-1; {
		if line[i+1] != 'u' {
			i += 2 // an escape such as \\ or \"
		} else {
			r := hex4(i)
			switch {
			case r >= 0xd800 && r < 0xdc00:
				if lo := hex4(i + 6); lo < 0xdc00 || lo > 0xdfff {
					return i
				}
				i += 12
			case r >= 0xdc00 && r <= 0xdfff:
				return i
			default:
				i += 6
			}
		}
		j := bytes.IndexByte(line[min(i, len(line)):], '\\')
		if j < 0 {
			break
		}
		i += j
	}
	return -1
}
