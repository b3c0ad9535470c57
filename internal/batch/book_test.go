package batch

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"maps"
	"slices"
	"testing"
)

// TestNoNameColumnInWorkbook: a workbook's sheet with no name column is
// an error that says which sheet was read and which others there are,
// so that the user can pick the right one; a hidden first sheet is not
// the one read.
func TestNoNameColumnInWorkbook(t *testing.T) {
	parts := map[string]string{
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			`<sheet name="Lookups" state="hidden" sheetId="1" r:id="rId1"/><sheet name="Summary" sheetId="2" r:id="rId2"/><sheet name="Requests" sheetId="3" r:id="rId3"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Target="worksheets/sheet3.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheetXML("name", "Ann Lee"),
		"xl/worksheets/sheet2.xml": sheetXML("Total", "3"),
		"xl/worksheets/sheet3.xml": sheetXML("name", "Bo Park"),
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[name])
	}
	zw.Close()
	_, err := NewReaderWith(bytes.NewReader(b.Bytes()), XLSX, ReadOptions{})
	var e *Error
	if !errors.As(err, &e) || e.Sheet != "Summary" || !slices.Equal(e.Sheets, []string{"Lookups", "Summary", "Requests"}) {
		t.Fatalf("got %v (%+v), want no name column in sheet Summary, listing the three sheets", err, e)
	}
}

func sheetXML(heading, cell string) string {
	return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c t="inlineStr"><is><t>` + heading + `</t></is></c></row>` +
		`<row r="2"><c t="inlineStr"><is><t>` + cell + `</t></is></c></row></sheetData></worksheet>`
}
