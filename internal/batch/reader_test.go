package batch

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/sheet"

	"github.com/decline-cli/decline/internal/safetext"
)

// got is what reading an input gives: each row or row error, one line
// each, and the error that ended it (EOF when none).
func readAll(t *testing.T, input string, f Format) (rows []string, end error) {
	t.Helper()
	r, err := NewReader(strings.NewReader(input), f)
	if err != nil {
		return nil, err
	}
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows, nil
		}
		var e *Error
		if errors.As(err, &e) && !e.Fatal {
			rows = append(rows, e.Error())
			continue
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, describeRow(row))
	}
}

func describeRow(r *Row) string {
	s := []string{strconv.Itoa(r.Line), r.Name, r.Email, r.FirstName, r.Kind, r.Relationship, r.Tone, r.Template, r.Variant}
	for _, k := range slices.Sorted(maps.Keys(r.Values)) {
		s = append(s, k+"="+r.Values[k])
	}
	return strings.Join(s, "|")
}

func check(t *testing.T, input string, f Format, want []string, wantErr string) {
	t.Helper()
	rows, err := readAll(t, input, f)
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	got := ""
	if err != nil {
		got = err.Error()
	}
	if got != wantErr {
		t.Errorf("error: %q, want %q", got, wantErr)
	}
}

func TestCSV(t *testing.T) {
	// A byte order mark, CRLF line ends, headings as a spreadsheet writes
	// them, a record over three lines, blank rows, and extra values.
	input := "\ufeffName,Email,First Name,Relationship,Skill\r\n" +
		"Scott Lee,scott@example.com,,no-business,\r\n" +
		"\r\n" +
		"\"Lee, Ann\",,Ann,stranger,\"Go\r\nand\r\nRust\"\r\n" +
		",,,,\r\n" +
		" Priya Raman ,,,social, Kubernetes \r\n"
	check(t, input, CSV, []string{
		"2|Scott Lee|scott@example.com|||no-business|||",
		"4|Lee, Ann||Ann||stranger||||skill=Go\nand\nRust",
		"8|Priya Raman||||social||||skill=Kubernetes",
	}, "")
	// A short row's missing cells are empty.
	check(t, "name,relationship,skill\nShort,busy\n", CSV, []string{"2|Short||||busy|||"}, "")
	check(t, "name,email,kind,tone,template,variant\nA,a@x,endorsement,brief,x/y,2\n", CSV,
		[]string{"2|A|a@x||endorsement||brief|x/y|2"}, "")
}

func TestCSVRowErrors(t *testing.T) {
	input := "name,relationship\n" +
		"Scott,stranger\n" +
		"Too,many,cells\n" +
		"Bare \"quote\",stranger\n" +
		"Ann," + strings.Repeat("x", 100<<10) + "\n" +
		"Wide" + strings.Repeat(",", 10000) + "\n" +
		"Last,busy\n"
	check(t, input, CSV, []string{
		"2|Scott||||stranger|||",
		"line 3: the row has 3 cells, more than the 2 columns of the header",
		"line 4: not valid CSV: a \" in a cell that is not quoted (line 4, column 6); quote the cell and double the \"",
		`line 5: column "relationship" is 102400 bytes long, more than the 16384 allowed`,
		"line 6: the row has 10001 cells, more than the 2 columns of the header",
		"7|Last||||busy|||",
	}, "")
}

func TestCSVOpenQuote(t *testing.T) {
	// An open quote swallows the rest of the input; reading stops at the
	// cap with the line where the bad record starts, not after reading
	// everything.
	input := "name,relationship\nScott,stranger\n\"Ann,stranger\n" + strings.Repeat("Bob,busy\n", 100000)
	check(t, input, CSV, []string{"2|Scott||||stranger|||"},
		"line 3: a row here is longer than 256 KiB; is a quote left open?")
	// A huge line with no quote in it is not blamed on one.
	check(t, "name,relationship\nScott,stranger\n"+strings.Repeat(",", 3<<20), CSV, []string{"2|Scott||||stranger|||"},
		"line 3: a row here is longer than 256 KiB, the most a row can be")
	// Empty lines before a row, such as a workbook's gap of empty rows,
	// are no part of its length, whatever their number; a quoted cell of
	// line breaks still is.
	check(t, "name,relationship\n"+strings.Repeat("\n", 300000)+"Ann,social\n", CSV, []string{"300002|Ann||||social|||"}, "")
	check(t, "name,relationship\n"+strings.Repeat("\n", 10)+"\"Ann"+strings.Repeat("\n", 300000)+"\",social\n", CSV, nil,
		"line 2: a row here is longer than 256 KiB; is a quote left open?")
	// At the end of the input, an open quote is a row error.
	check(t, "name\n\"Ann\n", CSV, []string{
		"line 2: not valid CSV: a quoted cell is not closed, or a \" in it is not doubled",
	}, "")
}

func TestHeaderErrors(t *testing.T) {
	cases := []struct {
		input string
		f     Format
		err   string
	}{
		{"", CSV, "line 1: the input is empty; the first row must name the columns, e.g. name,email,relationship"},
		{"\n\n", TSV, "line 1: the input is empty; the first line must name the columns, separated by tabs"},
		{"person,email\nScott,s@x\n", CSV, "line 1: the header row has no name column; the first row must name the columns, e.g. name,email,relationship"},
		{"Notes:\nsomething\n\nperson\temail\nScott\ts@x\n", CSV, "line 1: the header row has no name column; the first row must name the columns, e.g. name,email,relationship"},
		{`{"name":"Scott"}` + "\n", CSV, "line 1: the header row has no name column; the first row must name the columns, e.g. name,email,relationship (this looks like JSON Lines)"},
		{"name,email\n", TSV, "line 1: the header row has no name column; the first row must name the columns, separated by tabs (this looks comma-separated)"},
		{"name,Email,EMAIL\n", CSV, `line 1: column "email" appears twice in the header (columns 2 and 3)`},
		{"name" + strings.Repeat(",x", 10000) + "\n", CSV, "line 1: the header has 10001 columns, more than the 1000 allowed"},
		{"\"name\n", CSV, "line 1: not valid CSV: a quoted cell is not closed, or a \" in it is not doubled"},
	}
	for _, c := range cases {
		_, err := readAll(t, c.input, c.f)
		if err == nil || err.Error() != c.err {
			t.Errorf("%q: got %v\nwant %s", c.input, err, c.err)
		}
	}
}

func TestTSV(t *testing.T) {
	input := "\ufeffname\trelationship\tskill\r\n" +
		"Scott \"Scooter\" Lee\tstranger\t\r\n" +
		"\t\t\r\n" +
		"Ann\tbusy\tGo, mostly\r\n" +
		"Short\tbusy\n" +
		"Four\tcells\tin\tall\n" +
		"Long\t" + strings.Repeat("x", MaxRecord) + "\tx\n" +
		"Last\tbusy\t"
	check(t, input, TSV, []string{
		`2|Scott "Scooter" Lee||||stranger|||`,
		"4|Ann||||busy||||skill=Go, mostly",
		"5|Short||||busy|||",
		"line 6: the row has 4 cells, more than the 3 columns of the header",
		"line 7: the line is longer than 256 KiB",
		"8|Last||||busy|||",
	}, "")
}

func TestJSONL(t *testing.T) {
	input := "\ufeff{\"name\":\"Scott Lee\",\"email\":\"s@x\",\"variant\":2,\"tone\":null,\"skill\":\"Go\"}\r\n" +
		"\n" +
		"{\"name\":\"Ann\",\"First Name\":\"Annie\",\"contact\":\"\"}\n" +
		"[1,2]\n" +
		"{\"name\":\"Bob\",\"name\":\"Rob\"}\n" +
		"{\"name\":\"Bob\",\"age\":{\"years\":3}}\n" +
		"{\"name\":\"Bob\"} {\"name\":\"Rob\"}\n" +
		"{\"name\":\"Bob\"\n" +
		"{name:\"Bob\"}\n" +
		"{}\n"
	check(t, input, JSONL, []string{
		"1|Scott Lee|s@x||||||2|skill=Go",
		"3|Ann||Annie|||||",
		`line 4: not a JSON object; each line must be one object such as {"name": "Scott Lee"}`,
		`line 5: key "name" appears twice`,
		`line 6: the value of "age" is not a string`,
		"line 7: not valid JSON Lines: more than one value on the line",
		"line 8: not valid JSON: the object is not closed",
		"line 9: not valid JSON: invalid character 'n'",
		"10||||||||",
	}, "")
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]Format{"a.csv": CSV, "A.CSV": CSV, "x/b.tsv": TSV, "c.jsonl": JSONL, "d.ndjson": JSONL, "e.txt": "", "csv": ""} {
		if got, _ := FormatOf(path); got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", path, got, want)
		}
	}
}

// FuzzReader feeds arbitrary bytes to every format: reading never
// panics, ends, and reports rows in increasing line order.
func FuzzReader(f *testing.F) {
	f.Add("name,relationship\nScott,stranger\n\"a\nb\",c\n")
	f.Add("\ufeffname\tskill\r\nAnn\tGo\r\n")
	f.Add("{\"name\":\"Scott\",\"variant\":2}\n{\"x\":[1]}\n")
	f.Add("name\n\"open")
	f.Fuzz(func(t *testing.T, input string) {
		for _, format := range []Format{CSV, TSV, JSONL} {
			r, err := NewReader(strings.NewReader(input), format)
			if err != nil {
				continue
			}
			last := 0
			for i := 0; ; i++ {
				row, err := r.Next()
				if err == io.EOF {
					break
				}
				var e *Error
				if errors.As(err, &e) && !e.Fatal {
					continue
				}
				if err != nil {
					break
				}
				if row.Line <= last {
					t.Fatalf("%s: row at line %d after line %d", format, row.Line, last)
				}
				last = row.Line
				if i > len(input) {
					t.Fatalf("%s: more rows than bytes", format)
				}
				if len(row.Values) > MaxColumns {
					t.Fatalf("%s: %d values, over the cap", format, len(row.Values))
				}
				for _, v := range append([]string{row.Name, row.Email, row.FirstName, row.Kind, row.Relationship, row.Tone, row.Template, row.Variant}, slices.Collect(maps.Values(row.Values))...) {
					if len(v) > MaxCell {
						t.Fatalf("%s: a cell of %d bytes passed the cap", format, len(v))
					}
					if v != safetext.TrimSpace(v) {
						t.Fatalf("%s: cell %q was not trimmed", format, v)
					}
				}
			}
		}
	})
}

// TestReaderNeverCleansHostileCells: cells are trimmed of spaces only. A
// line break, NEL or tab at the end of a cell stays for the policy to
// refuse (as it would in a flag), and a JSON Lines line holding invalid
// UTF-8 is refused rather than quietly turned into U+FFFD.
func TestReaderNeverCleansHostileCells(t *testing.T) {
	check(t, "name,relationship\n\"Ann\u0085 \",stranger\n\u00a0Bo\u00a0,stranger\n\"Cy\n\",stranger\n", CSV,
		[]string{"2|Ann\u0085||||stranger|||", "3|Bo||||stranger|||", "4|Cy\n||||stranger|||"}, "")
	check(t, "{\"name\":\"Ann\xff\"}\n{\"name\":\"Bo\"}\n", JSONL,
		[]string{"line 1: the line is not valid UTF-8 (save the file as UTF-8)", "2|Bo|||||||"}, "")
}

// TestReaderRefusesLoneSurrogates: encoding/json turns a lone surrogate
// escape into U+FFFD; the row is refused instead, and a pair, an escaped
// backslash before "u" and other escapes are read as written.
func TestReaderRefusesLoneSurrogates(t *testing.T) {
	lone := func(line int, esc string) string {
		return fmt.Sprintf("line %d: the line holds a lone surrogate escape (%s), which is not a character", line, esc)
	}
	check(t, `{"name":"A\ud800B"}
{"name":"A\\ud800B"}
{"name":"A\ud83d\ude00B"}
{"name":"A\udc00"}
{"name":"A\ud800\u0041"}
{"name":"A\"\ud800"}
{"name":"A\uDBFF"}
{"name":"\u00e9\ud800"}
`, JSONL, []string{lone(1, `\ud800`), `2|A\ud800B|||||||`, "3|A\U0001F600B|||||||", lone(4, `\udc00`), lone(5, `\ud800`),
		lone(6, `\ud800`), lone(7, `\uDBFF`), lone(8, `\ud800`)}, "")
}

// TestColumnsAreReservedValues: every heading batch reads as one of its
// own columns, aliases included, is a name no template may give a value,
// or that value could never come from a spreadsheet.
func TestColumnsAreReservedValues(t *testing.T) {
	r := &Reader{}
	names := []string{"line"}
	for _, n := range []string{"name", "email", "first_name", "kind", "relationship", "tone", "template", "variant", "note"} {
		if r.fieldOf(n) == nil {
			t.Fatalf("%s is not a column", n)
		}
		names = append(names, n)
	}
	for _, alias := range []string{"e_mail", "email_address", "full_name", "given_name", "surname", "family_name", "request_type", "how_we_know_each_other"} {
		if ColumnName(alias) == alias {
			t.Fatalf("%s is not an alias", alias)
		}
		names = append(names, alias)
	}
	for _, n := range names {
		if !catalog.Reserved(n) {
			t.Errorf("column %q is not reserved in catalog.reservedValues", n)
		}
	}
}

// TestSpreadsheetExports: the byte layouts spreadsheets write read as the
// same rows, with the file's own line numbers.
func TestSpreadsheetExports(t *testing.T) {
	utf16 := func(s string) string {
		b := []byte{0xff, 0xfe}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return string(b)
	}
	for _, c := range []struct {
		name, input string
		opt         ReadOptions
		want        []string
	}{
		{"semicolons", "name;email;relationship\nAnn Lee;a@x.org;social\n", ReadOptions{}, []string{"2|Ann Lee|a@x.org|||social|||"}},
		{"bom", "\xef\xbb\xbfname,relationship\r\nAnn,social\r\n", ReadOptions{}, []string{"2|Ann||||social|||"}},
		{"utf-16", utf16("name\trelationship\r\nZoë\tsocial\r\n"), ReadOptions{}, []string{"2|Zoë||||social|||"}},
		{"windows-1252", "name,relationship\nZo\xeb,social\n", ReadOptions{Sheet: sheet.Options{Encoding: "windows-1252"}}, []string{"2|Zoë||||social|||"}},
		{"cr only", "name,relationship\rAnn,social\rBo,busy\r", ReadOptions{}, []string{"2|Ann||||social|||", "3|Bo||||busy|||"}},
		{"linkedin", "Notes:\n\"When exporting your connection data, some addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,https://x,a@x.org,Acme,CTO,01 Jan 2024\n",
			ReadOptions{}, []string{"5|Ann Lee|a@x.org|||||||connected_on=01 Jan 2024|position=CTO|url=https://x"}},
		{"skip", "exported\nname,relationship\nAnn,social\n", ReadOptions{Sheet: sheet.Options{Skip: 1, SkipSet: true}}, []string{"3|Ann||||social|||"}},
		{"map", "Full Name,Email,What did they ask for?\nAnn,a@x.org,intro\n", ReadOptions{Map: map[string]string{"kind": "what did they ask for?"}}, []string{"2|Ann|a@x.org||intro||||"}},
		{"map exact first", "name,email,Email\nAnn,old@x.org,new@x.org\n", ReadOptions{Map: map[string]string{"email": "Email"}}, []string{"2|Ann|new@x.org||||||"}},
		{"map any case", "name,email,Email\nAnn,old@x.org,new@x.org\n", ReadOptions{Map: map[string]string{"email": "EMAIL"}}, []string{"2|Ann|old@x.org||||||"}},
		{"aliases", "Full Name,E-mail,Request,How we know each other\nAnn,a@x.org,reference,social\n", ReadOptions{}, []string{"2|Ann|a@x.org||reference|social|||"}},
		{"german", "Vorname,Nachname,E-Mail-Adresse,Anfrage,Beziehung\nAnn,Lee,a@x.org,reference,social\n", ReadOptions{}, []string{"2|Ann Lee|a@x.org||reference|social|||"}},
		{"french", "Prénom,Nom,Adresse e-mail\nAnn,Lee,a@x.org\n", ReadOptions{}, []string{"2|Ann Lee|a@x.org||||||"}},
		{"spanish", "Nombre,Apellidos,Correo electrónico\nAnn,Lee,a@x.org\n", ReadOptions{}, []string{"2|Ann Lee|a@x.org||||||"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewReaderWith(strings.NewReader(c.input), CSV, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for {
				row, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, describeRow(row))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
