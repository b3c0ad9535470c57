package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// A workbook as Excel writes it, by hand: the parts the reader needs.
const (
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="First" sheetId="1" r:id="rId1"/><sheet name="Second" sheetId="2" r:id="rId2"/></sheets></workbook>`
	relsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sharedXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>name</t></si><si><t>email</t></si><si><r><rPr><b/></rPr><t>Ann</t></r><r><t xml:space="preserve"> Lee</t></r><rPh sb="0" eb="1"><t>アン</t></rPh></si><si><t>kind, "quoted"</t></si></sst>`
	sheet1XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="inlineStr"><is><t>intro</t></is></c></row>` +
		`<row r="5"><c r="A5" t="str"><f>A2</f><v>Bo</v></c><c r="B5"><v>42.5</v></c></row>` +
		`</sheetData></worksheet>`
	sheet2XML = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>second</t></is></c></row></sheetData></worksheet>`
)

// buildXLSX zips parts, in order; a nil part is left out.
func buildXLSX(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		data, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func allParts() map[string]string {
	return map[string]string{"xl/workbook.xml": workbookXML, "xl/_rels/workbook.xml.rels": relsXML, "xl/sharedStrings.xml": sharedXML,
		"xl/worksheets/sheet1.xml": sheet1XML, "xl/worksheets/sheet2.xml": sheet2XML}
}

func readXLSX(data []byte, name string) (string, error) {
	rc, err := OpenXLSX(bytes.NewReader(data), name)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	out, err := io.ReadAll(rc)
	return string(out), err
}

func TestOpenXLSX(t *testing.T) {
	data := buildXLSX(t, allParts())
	got, err := readXLSX(data, "")
	if err != nil {
		t.Fatal(err)
	}
	// Shared and inline strings, rich text without its phonetic guide, a
	// boolean, a formula's result, a number; B2 and C1 are empty by
	// reference, rows 3 and 4 are empty lines.
	want := "name,email,,\"kind, \"\"quoted\"\"\"\nAnn Lee,,TRUE,intro\n\n\nBo,42.5\n"
	if got != want {
		t.Errorf("first sheet:\n got %q\nwant %q", got, want)
	}
	if got, err := readXLSX(data, " second "); err != nil || got != "second\n" {
		t.Errorf("sheet by name: %q, %v", got, err)
	}
	var se *SheetError
	if _, err := readXLSX(data, "Third"); !errors.As(err, &se) || !strings.Contains(err.Error(), `"First", "Second"`) {
		t.Errorf("no such sheet: %v, want a *SheetError naming the sheets", err)
	}
}

// TestOpenXLSXHostile: what is not a workbook, lacks a part, or is a zip
// bomb is one *Error, not a panic or a machine's memory.
func TestOpenXLSXHostile(t *testing.T) {
	without := func(name string) []byte {
		p := allParts()
		delete(p, name)
		return buildXLSX(t, p)
	}
	with := func(name, data string) []byte {
		p := allParts()
		p[name] = data
		return buildXLSX(t, p)
	}
	defer func(limit int64) { MaxXLSXPart = limit }(MaxXLSXPart)
	MaxXLSXPart = 1 << 20
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("Name,Email\nAnn,a@example.com\n"), "not a zip archive"},
		{"no workbook", without("xl/workbook.xml"), "lacks xl/workbook.xml"},
		{"no rels", without("xl/_rels/workbook.xml.rels"), "lacks xl/_rels/workbook.xml.rels"},
		{"no sheet", without("xl/worksheets/sheet1.xml"), "lacks its sheet xl/worksheets/sheet1.xml"},
		{"bad shared index", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="C1" t="s"><v>99</v></c></row></sheetData></worksheet>`), "cell C1: no shared string"},
		{"rows backwards", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="2"></row><row r="1"></row></sheetData></worksheet>`), "row \"1\" is out of order"},
		{"column past XFD", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>`), "out of order"},
		{"broken XML", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row>`), "not a readable .xlsx workbook"},
		{"zip bomb", with("xl/worksheets/sheet1.xml", `<worksheet><sheetData>`+strings.Repeat("<row/>", 1<<18)), "uncompressed"},
	} {
		_, err := readXLSX(tc.data, "")
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line with %q", tc.name, err, tc.want)
		}
	}
}

// TestOpenXLSXLyingSize: a part whose header understates its size is
// still stopped at the limit.
func TestOpenXLSXLyingSize(t *testing.T) {
	defer func(limit int64) { MaxSharedStrings = limit }(MaxSharedStrings)
	MaxSharedStrings = 1 << 10
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range allParts() {
		if name == "xl/sharedStrings.xml" {
			data = "<sst>" + strings.Repeat("<si><t>x</t></si>", 1000) + "</sst>"
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: 10, CompressedSize64: uint64(len(data))})
			io.WriteString(w, data)
			continue
		}
		w, _ := zw.Create(name)
		io.WriteString(w, data)
	}
	zw.Close()
	_, err := readXLSX(b.Bytes(), "")
	var e *Error
	if !errors.As(err, &e) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("a part larger than its header says: %v, want a one-line *Error", err)
	}
}

// hostileBook is a workbook whose first sheet and shared strings are
// given.
func hostileBook(t *testing.T, shared, sheetData string) []byte {
	t.Helper()
	parts := allParts()
	parts["xl/sharedStrings.xml"] = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + shared + `</sst>`
	parts["xl/worksheets/sheet1.xml"] = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData></worksheet>`
	return buildXLSX(t, parts)
}

// TestOpenXLSXCapsCells: a cell or shared string far longer than
// MaxCell is kept only to MaxCell+1 bytes, so it is still too long for
// the batch reader (a bad row) and memory holds no more; entities
// cannot make a cut cell look short.
func TestOpenXLSXCapsCells(t *testing.T) {
	long := strings.Repeat("é", 3<<20) // 6 MB
	amps := strings.Repeat("&amp;", 1<<20)
	book := hostileBook(t, `<si><t>name</t></si><si><t>`+long+`</t></si><si><t>`+amps+`</t></si>`,
		`<row r="1"><c t="s"><v>0</v></c></row>`+
			`<row r="2"><c t="s"><v>1</v></c></row>`+
			`<row r="3"><c t="s"><v>2</v></c></row>`+
			`<row r="4"><c t="inlineStr"><is><t>`+long+`</t></is></c></row>`+
			`<row r="5"><c t="inlineStr"><is><t>`+amps+`</t></is></c></row>`+
			`<row r="6"><c t="inlineStr"><is><t>Ann</t></is></c></row>`)
	got, err := readXLSX(book, "")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 6 || lines[0] != "name" || lines[5] != "Ann" {
		t.Fatalf("rows: %d, first %.20q, last %.20q", len(lines), lines[0], lines[len(lines)-1])
	}
	for i, l := range lines[1:5] {
		l = strings.Trim(l, `"`)
		if len(l) != MaxCell+1 {
			t.Errorf("row %d is %d bytes, want %d", i+2, len(l), MaxCell+1)
		}
		if want := long[:100]; i%2 == 0 && !strings.HasPrefix(l, want) {
			t.Errorf("row %d starts %.20q, want %.20q", i+2, l, want)
		}
	}
}

// TestOpenXLSXRefusesTooManySharedStrings: a small workbook of millions
// of empty shared strings is refused in one line, not held.
func TestOpenXLSXRefusesTooManySharedStrings(t *testing.T) {
	defer func(n int) { MaxSharedCount = n }(MaxSharedCount)
	MaxSharedCount = 1000
	book := hostileBook(t, strings.Repeat("<si/>", 1001), `<row><c t="s"><v>0</v></c></row>`)
	_, err := readXLSX(book, "")
	if err == nil || err.Error() != "the workbook has more than 1000 shared strings, more than decline reads" {
		t.Errorf("err = %v", err)
	}
	book = hostileBook(t, strings.Repeat("<si/>", 1000), `<row><c t="s"><v>999</v></c></row>`)
	if got, err := readXLSX(book, ""); err != nil || got != "\n" {
		t.Errorf("1000 shared strings: %q, %v", got, err)
	}
}

// TestOpenXLSXRefusesEndlessMarkup: a comment or tag of megabytes,
// which the XML decoder would hold whole, is refused.
func TestOpenXLSXRefusesEndlessMarkup(t *testing.T) {
	book := hostileBook(t, `<si><t>a</t></si>`, `<!--`+strings.Repeat("x", maxMarkup)+`--><row/>`)
	if _, err := readXLSX(book, ""); err == nil || !strings.Contains(err.Error(), "markup longer than") {
		t.Errorf("err = %v", err)
	}
}

// TestOpenXLSXRefusesLongRow: a row of many long cells stops at MaxRow,
// rather than being held whole.
func TestOpenXLSXRefusesLongRow(t *testing.T) {
	cell := `<c t="inlineStr"><is><t>` + strings.Repeat("a", MaxCell) + `</t></is></c>`
	book := hostileBook(t, `<si><t>a</t></si>`, `<row r="1"><c t="s"><v>0</v></c></row><row r="2">`+strings.Repeat(cell, MaxRow/MaxCell+1)+`</row>`)
	_, err := readXLSX(book, "")
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 || e.Msg != "a row here is longer than 256 KiB, the most a row can be" {
		t.Errorf("err = %#v", err)
	}
}

// TestOpenXLSXSkipsHiddenSheet: a hidden first sheet (lookups, old data)
// is not read by default; the first sheet Excel shows is. By name, a
// hidden sheet is still read.
func TestOpenXLSXSkipsHiddenSheet(t *testing.T) {
	parts := allParts()
	parts["xl/workbook.xml"] = strings.Replace(workbookXML, `<sheet name="First" sheetId="1"`, `<sheet name="First" state="hidden" sheetId="1"`, 1)
	data := buildXLSX(t, parts)
	if got, err := readXLSX(data, ""); err != nil || got != "second\n" {
		t.Errorf("default sheet: %q, %v; want the visible second", got, err)
	}
	if got, err := readXLSX(data, "First"); err != nil || !strings.HasPrefix(got, "name,email") {
		t.Errorf("hidden sheet by name: %q, %v", got, err)
	}
}

func TestIsErrorValue(t *testing.T) {
	for _, c := range []string{"#REF!", " #value! ", "#N/A", "#DIV/0!", "#NAME?"} {
		if !IsErrorValue(c) {
			t.Errorf("IsErrorValue(%q) = false", c)
		}
	}
	for _, c := range []string{"Go", "#golang", "C#", "", "#"} {
		if IsErrorValue(c) {
			t.Errorf("IsErrorValue(%q) = true", c)
		}
	}
}
