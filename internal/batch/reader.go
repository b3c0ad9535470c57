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
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/sheet"

	"github.com/decline-cli/decline/internal/safetext"
)

// Format is an input format.
type Format string

// The input formats.
const (
	CSV   Format = "csv"
	TSV   Format = "tsv"
	JSONL Format = "jsonl"
	XLSX  Format = "xlsx" // an Excel workbook: one sheet of it, read as CSV
)

// Formats lists the input formats, in the order help shows them.
var Formats = []string{string(CSV), string(TSV), string(JSONL), string(XLSX)}

// FormatOf tells an input format from a file name's extension.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, true
	case ".tsv", ".tab":
		return TSV, true
	case ".jsonl", ".ndjson":
		return JSONL, true
	case ".xlsx", ".xlsm":
		return XLSX, true
	}
	return "", false
}

// Limits on the input. A request row is a few hundred bytes; these are
// far beyond any real spreadsheet and keep a hostile one from taking the
// machine's memory.
const (
	// MaxRecord caps one row (one line, or one CSV record over several
	// lines), in bytes.
	MaxRecord = sheet.MaxRow
	// MaxCell caps one cell, in bytes; an .xlsx cell is read only so far.
	MaxCell = sheet.MaxCell
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
	// NotUTF8: the file is in another encoding, which a code page could
	// read: Encoding, the likeliest. UTF8: the file is UTF-8, which the
	// code page Encoding would garble.
	NotUTF8, UTF8 bool
	// Seen is the mark that seems to separate the cells of a header
	// read as one cell, when it is not the delimiter; Looks is then CSV
	// for a TSV input.
	Seen rune
	// Instead: the file is not in the encoding asked for, but in
	// Encoding ("": none is needed).
	Instead  bool
	Encoding string
	// Sheet and Sheets: for a header with no name column read from a
	// workbook, the sheet read and all the workbook's sheets.
	Sheet  string
	Sheets []string
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
	offset    int // lines skipped before the heading row

	mapped   map[string]string // field -> heading, given
	lastName string            // a last-name column's cell
	joinName bool              // the name is first and last name
	unused   []Column          // columns no field takes
	reads    int               // calls of Next: the first sampleRows sample unused
	book     io.Closer         // an .xlsx sheet being converted, or nil
	headings []string          // the header's cells, or nil for JSON Lines
}

// checkKeep fails when a column to keep is not in the header: its cells
// would be left out of every record without a word.
func (r *Reader) checkKeep(keep []string) error {
	if r.headings == nil {
		return nil
	}
	for _, k := range keep {
		if !slices.ContainsFunc(r.headings, func(h string) bool { return ColumnName(h) == ColumnName(k) }) {
			return &Error{Line: r.offset + 1, Fatal: true,
				Msg: fmt.Sprintf("no column is headed %s, to carry into each record (the headings are: %s)", safetext.Quote(k), quoteCells(r.headings))}
		}
	}
	return nil
}

// Column is a column no field of a request takes, with a sample of its
// cells from the first rows.
type Column struct {
	Heading string // as written
	Name    string // normalised: the template value it would give
	Index   int
	Sample  []string
	// Employer: a company column of a list of contacts, which names
	// the person's own employer and is read only when mapped.
	Employer bool
}

// sampleRows is how many rows Unused samples: the cells of the good
// ones among the first rows read. A parallel pass relies on all of them
// being in its first chunk.
const sampleRows = 100

// column says where a cell goes.
type column struct {
	name  string // normalised
	field *string
}

var errRecordTooLong = errors.New("record too long")

// ReadOptions say how to read an input beyond its format.
type ReadOptions struct {
	// Sheet says how to decode the file, where its heading row is and
	// what separates its cells.
	Sheet sheet.Options
	// Map names, by field, the heading of the column that gives it,
	// over the headings' own names.
	Map map[string]string
}

// NewReader starts reading an input with the default options.
func NewReader(in io.Reader, format Format) (*Reader, error) {
	return NewReaderWith(in, format, ReadOptions{})
}

// NewReaderWith starts reading an input: it decodes its text, skips the
// lines before its heading row and, for CSV and TSV, reads that row. An
// unreadable header is a fatal *Error.
func NewReaderWith(in io.Reader, format Format, opt ReadOptions) (*Reader, error) {
	so := opt.Sheet
	var book io.Closer
	if format == XLSX {
		rows, err := sheet.OpenXLSX(in, so.Sheet)
		if err != nil {
			return nil, readError(err)
		}
		in, book, format = rows, rows, CSV
		so.Delimiter, so.Encoding = ',', ""
	}
	so.Lines = format != CSV
	so.JSON = format == JSONL
	if format == TSV {
		so.Delimiter = '\t'
	}
	src, err := sheet.Open(in, so)
	if err != nil {
		if book != nil {
			book.Close()
		}
		return nil, readError(err)
	}
	br := src.Reader
	r := &Reader{format: format, offset: src.Skipped, mapped: opt.Map, book: book}
	r.row.Values = map[string]string{}
	switch format {
	case CSV:
		r.guard = &guard{r: br, quote: -1, data: -1, last: -1}
		r.csv = csv.NewReader(r.guard)
		r.csv.Comma = src.Delimiter
		r.csv.ReuseRecord = true
		first, _ := br.Peek(1)
		r.looksJSON = string(first) == "{"
		r.next = r.nextCSV
		return r, r.readCSVHeader()
	case TSV:
		r.lines = &lineReader{r: br, line: src.Skipped}
		r.next = r.nextTSV
		return r, r.readTSVHeader()
	case JSONL:
		r.lines = &lineReader{r: br}
		r.next = r.nextJSON
		return r, nil
	}
	return nil, fmt.Errorf("unknown input format %s (choose one of: %s)", safetext.Quote(string(format)), strings.Join(Formats, ", "))
}

// readError places what sheet found wrong with a file on its first
// line.
func readError(err error) error {
	var se *sheet.Error
	if errors.As(err, &se) {
		return &Error{Line: max(se.Line, 1), Msg: se.Msg, Fatal: true, NotUTF8: se.NotUTF8, UTF8: se.UTF8, Instead: se.Instead, Encoding: se.Encoding}
	}
	var sh *sheet.SheetError
	if errors.As(err, &sh) {
		return &Error{Line: 1, Msg: sh.Error(), Fatal: true}
	}
	return err
}

// Close stops reading a workbook's sheet; other inputs need no closing.
func (r *Reader) Close() {
	if r.book != nil {
		r.book.Close()
	}
}

// Next returns the next row, or io.EOF after the last. The row is reused
// by the following call. An *Error that is not Fatal reports a bad row;
// Next can be called again to read on.
func (r *Reader) Next() (*Row, error) {
	r.reads++
	return r.next()
}

// sampleDone reports whether the sample of the unused columns is
// complete: the rows that follow add nothing to it.
func (r *Reader) sampleDone() bool { return r.reads >= sampleRows || len(r.unused) == 0 }

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
	case "lang":
		return &r.row.Lang
	case "template":
		return &r.row.Template
	case "variant":
		return &r.row.Variant
	case "note":
		return &r.row.Note
	case "last_name":
		return &r.lastName
	}
	return nil
}

// ColumnName normalises a column heading or JSON key to the field it
// names (sheet.Field): "First Name" is first_name, "E-mail" is email.
//
// Only a heading written note, as the field is named, gives the personal
// line: a spreadsheet's "Note", "NOTES", "Note:", "[note]" or "Personal
// note" column holds the user's own notes about a person, which must
// never be pasted into the reply to them. It is a column like any other
// ("notes" for "Note", else its own key), unless it is mapped to note.
func ColumnName(s string) string {
	f := sheet.Field(s)
	if f != "note" || strings.TrimSpace(s) == "note" {
		return f
	}
	if strings.EqualFold(strings.TrimSpace(s), "note") {
		return "notes"
	}
	return sheet.Key(s)
}

// setHeader maps the header's cells to columns.
func (r *Reader) setHeader(cells []string) error {
	r.headings = slices.Clone(cells)
	line := r.offset + 1
	fail := func(format string, args ...any) error {
		return &Error{Line: line, Msg: fmt.Sprintf(format, args...), Fatal: true}
	}
	if len(cells) > MaxColumns {
		return fail("the header has %d columns, more than the %d allowed", len(cells), MaxColumns)
	}
	r.header = make([]column, len(cells))
	// A heading mapped to a field gives that field, whatever it says.
	mappedAt := make([]string, len(cells))
	for _, f := range slices.Sorted(maps.Keys(r.mapped)) {
		i := mappedColumn(cells, r.mapped[f])
		if i < 0 {
			return fail("no column is headed %s, to give the %s (the headings are: %s)", safetext.Quote(r.mapped[f]), f, quoteCells(cells))
		}
		mappedAt[i] = f
	}
	seen := make(map[string]int, len(cells))
	hasName, hasFirst, hasLast := false, false, false
	var badHeading error
	for i, c := range cells {
		if p := safetext.Check(c, false); p != nil && badHeading == nil {
			badHeading = fail("the heading of column %d, %s, %s; the first row must name the columns", i+1, safetext.Quote(c), p.Reason)
		}
		name := mappedAt[i]
		if name == "" {
			name = ColumnName(c)
			if _, taken := r.mapped[name]; taken {
				name = "" // another column was mapped to its field
			}
		}
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
		field := r.fieldOf(name)
		r.header[i] = column{name: name, field: field}
		if field == nil {
			r.unused = append(r.unused, Column{Heading: c, Name: name, Index: i})
		}
		hasName = hasName || name == "name"
		hasFirst = hasFirst || name == "first_name"
		hasLast = hasLast || name == "last_name"
	}
	r.demoteEmployer(cells, mappedAt)
	if !hasName && (hasFirst || hasLast) {
		// "First Name" and "Last Name", as LinkedIn and address books
		// export them: the name is both.
		r.joinName, hasName = true, true
	}
	if !hasName {
		e, hinted := noNameColumn(cells, r.format)
		e.Line = line
		e.Sheet, e.Sheets = sheet.SheetsOf(r.book)
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

// mappedColumn is the index of the column a --map heading names: the one
// headed exactly so (spaces trimmed), else the first that differs only in
// case, so that of "email" and "Email" the one named is read; or -1.
func mappedColumn(cells []string, heading string) int {
	h := strings.TrimSpace(heading)
	if i := slices.IndexFunc(cells, func(c string) bool { return strings.TrimSpace(c) == h }); i >= 0 {
		return i
	}
	return slices.IndexFunc(cells, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), h) })
}

// contactColumns are headings (as ColumnName gives them) that only a
// list of contacts has, such as LinkedIn's Connections.csv or an address
// book's export: there, a "Company" column is the person's own employer.
var contactColumns = []string{"position", "connected_on", "job_title", "title", "phone", "phone_number",
	"mobile", "url", "profile_url", "linkedin_url", "organization", "department", "birthday"}

// demoteEmployer leaves unread a column headed company, unless --map
// names it, when the sheet is a list of contacts: its cells are each
// person's own employer, not the company a request is about, and a reply
// would speak of "the role at" the requester's own firm. The column is
// named among those not used, and --map company=HEADING reads it.
func (r *Reader) demoteEmployer(cells, mappedAt []string) {
	i := slices.IndexFunc(r.header, func(c column) bool { return c.name == "company" })
	if i < 0 || mappedAt[i] == "company" {
		return
	}
	if !slices.ContainsFunc(r.header, func(c column) bool { return slices.Contains(contactColumns, c.name) }) {
		return
	}
	r.header[i] = column{}
	for j := range r.unused {
		if r.unused[j].Index == i {
			r.unused[j].Employer = true
		}
	}
}

// quoteCells quotes headings for a message, at most ten.
func quoteCells(cells []string) string {
	q := make([]string, 0, min(len(cells), 10))
	for _, c := range cells[:min(len(cells), 10)] {
		q = append(q, safetext.Quote(strings.TrimSpace(c)))
	}
	if len(cells) > 10 {
		q = append(q, "...")
	}
	return strings.Join(q, ", ")
}

// Has reports whether a column gives the field (such as "kind").
func (r *Reader) Has(field string) bool {
	if field == "name" && r.joinName {
		return true
	}
	return slices.ContainsFunc(r.header, func(c column) bool { return c.name == field && c.field != nil })
}

// Unused returns the columns no field of a request takes, each with a
// sample of its cells from the first rows read. A template may still
// take one as a value.
func (r *Reader) Unused() []Column { return r.unused }

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
	case len(cells) == 1 && sheet.SeenSeparator(first) != 0:
		// "name:email": read as one cell, split by a mark that is not
		// the delimiter.
		e.Seen = sheet.SeenSeparator(first)
		e.Msg = fmt.Sprintf("the header row has no name column: it is read as one cell, which %s seems to separate", safetext.Quote(string(e.Seen)))
		if e.Seen == ' ' {
			e.Msg = "the header row has no name column: it is read as one cell, which spaces seem to separate"
		}
		if format == TSV {
			e.Looks = CSV
		}
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
	r.lastName = ""
	for i, c := range cells {
		col := r.header[i]
		if col.name == "" {
			continue
		}
		if err := r.set(row, col.name, col.field, c); err != nil {
			return err
		}
	}
	if r.joinName {
		// The name is both cells, greeted by the usual rules: a first-name
		// cell of "Dr. Jane" or "JANE" said word for word would greet
		// "Dear Dr. Jane," and a formal German greeting wants the full name.
		row.Name = joinName(row.FirstName, r.lastName)
		row.FirstName = ""
	}
	if r.reads <= sampleRows && len(r.unused) > 0 {
		r.sample(cells)
	}
	return nil
}

// joinName makes a name of a first and a last name.
func joinName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}

// sample keeps the unused columns' cells of one of the first rows.
func (r *Reader) sample(cells []string) {
	for j := range r.unused {
		u := &r.unused[j]
		if u.Index < len(cells) {
			if c := strings.TrimSpace(cells[u.Index]); c != "" && len(c) <= 200 {
				u.Sample = append(u.Sample, c)
			}
		}
	}
}

func cellCount(got, want int) string {
	return fmt.Sprintf("the row has %d cells, more than the %d columns of the header", got, want)
}

// set stores one cell.
func (r *Reader) set(row *Row, name string, field *string, value string) error {
	if len(value) > MaxCell && r.book != nil {
		// Cut short as it was read (sheet.MaxCell): its length is not known.
		return &Error{Line: row.Line, Msg: fmt.Sprintf("column %s is longer than the %d bytes allowed", safetext.Quote(name), MaxCell)}
	}
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
		return &Error{Line: r.offset + 1, Msg: "the input is empty; the first row must name the columns, e.g. name,email,relationship", Fatal: true}
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
	r.guard.restart(r.csv.InputOffset())
	return r.csv.Read()
}

// endLine is the line where the record just read ends.
func (r *Reader) endLine(cells []string) int {
	last := len(cells) - 1
	line, _ := r.csv.FieldPos(last)
	return r.offset + line + strings.Count(cells[last], "\n")
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
		start += r.offset
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
	if se := (*sheet.Error)(nil); errors.As(err, &se) {
		return readError(err) // a workbook's sheet, found bad as it is read
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err // a read error
	}
	pe.Line += r.offset
	pe.StartLine += r.offset
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
	// data is where the record's first byte other than '\n' is, or -1
	// while only '\n' has been read since it started: empty lines before
	// a record (a workbook's gap of empty rows, one '\n' each) are
	// skipped by the CSV reader one by one, and are no part of the
	// record's length. last is where the last such byte read was.
	data, last int64
}

// restart starts a record at offset. Bytes past it may have been read
// already: when any of them is not '\n', the record starts at offset.
func (g *guard) restart(offset int64) {
	g.start, g.data = offset, -1
	if g.last >= offset {
		g.data = offset
	}
}

func (g *guard) Read(p []byte) (int, error) {
	from := g.data
	if from < 0 {
		from = g.n
	}
	if g.n-from > MaxRecord {
		return 0, errRecordTooLong
	}
	n, err := g.r.Read(p)
	for i := n - 1; i >= 0; i-- {
		if p[i] != '\n' {
			g.last = g.n + int64(i)
			break
		}
	}
	if g.data < 0 && g.last >= g.n {
		for i, c := range p[:n] {
			if c != '\n' {
				g.data = g.n + int64(i)
				break
			}
		}
	}
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
