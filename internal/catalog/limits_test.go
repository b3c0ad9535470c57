package catalog_test

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
)

// TestTemplateLimits: whatever could run without end, recurse or build a
// string of any size before writing it is refused when the file is read,
// at its line, so no reply is ever rendered from it.
func TestTemplateLimits(t *testing.T) {
	refused := map[string]string{
		"range over a huge number":  `{{range 9223372036854775807}}{{end}}`,
		"nested ranges":             `{{range 100000}}{{range 100000}}{{end}}{{end}}`,
		"range with break":          `{{range 3}}{{break}}{{end}}`,
		"template calling itself":   `{{template "x/y" .}}`,
		"printf with a huge width":  `{{printf "%999999999d" 1}}`,
		"printf with a star width":  `{{printf "%*d" 999999 1}}`,
		"print doubling a variable": `{{$x := .Name}}{{$x = print $x $x}}{{$x}}`,
		"println":                   `{{println .Name}}`,
		"js escaping grows":         `{{js .Name}}`,
		"html":                      `{{html .Name}}`,
		"urlquery":                  `{{urlquery .Name}}`,
		"call":                      `{{call .Name}}`,
		"printf in a pipeline":      `{{.Name | printf "%s"}}`,
		"printf inside if":          `{{if .Name}}{{else}}{{printf "%c" 27}}{{end}}`,
		"printf inside with":        `{{with .Name}}{{printf "%v" .}}{{end}}`,
		"printf in parentheses":     `{{len (printf "%99999d" 1)}}`,
		"a string holding ESC":      `{{"\x1b[2J"}}`,
		"a string holding C1":       `{{"\u009b2J"}}`,
		"a string holding bidi":     `{{if eq .Name "\u202e"}}x{{end}}`,
		"a string holding BEL":      `{{"\a"}}`,
		"first without a value":     `{{first}}`,
		"a with two values":         `{{a .Name .Sender}}`,
		"first as an argument":      `{{len first}}`,
		"a piped with a value":      `{{.Name | a .Sender}}`,
	}
	for name, body := range refused {
		t.Run(name, func(t *testing.T) {
			src := "templates:\n  - id: x/y\n    body: |\n      Hi,\n      " + body + "\n"
			_, err := catalog.Parse("f.yaml", []byte(src), "f.yaml")
			if err == nil {
				t.Fatalf("%s was accepted", body)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "f.yaml:5: body of x/y ") {
				t.Errorf("error %q, want it at f.yaml:5", msg)
			}
		})
	}
	allowed := []string{
		`{{if and .Name (eq (len .Name) 5)}}{{slice .Name 0 2}}{{else if not .Sender}}{{index .Name 0}}{{end}}`,
		`{{with $x := .Name}}{{$x}}{{end}}{{- /* a comment */ -}}`,
		`{{if or (lt 1 2) (le 1 1) (gt 2 1) (ge 2 2) (ne .Name "")}}ok{{end}}`,
		`{{"plain string"}} {{$.Name}}`,
		`{{first .Name}} {{a .Sender}} {{.Name | first}} {{a (first .Name)}} {{first .Name | a}} {{.Addressee}}`,
		`{{a (a (a (a .Name)))}} {{if eq (first .Name) "Ann"}}Ann{{end}}`,
	}
	for _, body := range allowed {
		src := "templates:\n  - id: x/y\n    body: |\n      Hi,\n      " + body + "\n"
		if _, err := catalog.Parse("f.yaml", []byte(src), "f.yaml"); err != nil {
			t.Errorf("%s refused: %v", body, err)
		}
	}
}

// TestTemplateTextIsOutsideText: a control character, a C1 control, a
// direction override or a line separator in a template's own text is
// refused when the file is read, at its line.
func TestTemplateTextIsOutsideText(t *testing.T) {
	for name, tt := range map[string]struct{ yaml, want string }{
		"escape in a quoted body": {
			"templates:\n  - id: x/y\n    body: \"Hi \\e]52;c;ZXZpbA==\\a\"\n",
			"f.yaml:3: body of x/y contains an escape character (U+001B)",
		},
		"bidi on the third line of a block": {
			"templates:\n  - id: x/y\n    body: |\n      Hi,\n      one\n      t\u202ewo\n",
			"f.yaml:6: body of x/y contains a text-direction control (U+202E)",
		},
		"C1 in the subject": {
			"templates:\n  - id: x/y\n    subject: \"Re \\x9b2J\"\n    body: Hi\n",
			"f.yaml:3: subject of x/y contains a control character (U+009B)",
		},
		"NUL in a variant": {
			"templates:\n  - id: x/y\n    variants:\n      - Hi\n      - \"Hi\\0\"\n",
			"f.yaml:5: variant 2 of x/y contains a control character (U+0000)",
		},
		"line separator": {
			"templates:\n  - id: x/y\n    body: \"Hi\\L\"\n",
			"f.yaml:3: body of x/y contains a line separator (U+2028)",
		},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := catalog.Parse("f.yaml", []byte(tt.yaml), "f.yaml")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant %s ...", err, tt.want)
			}
		})
	}
}

// TestTemplateLimitsReportTheFirst: with several problems, the message
// and the line are both the first one's.
func TestTemplateLimitsReportTheFirst(t *testing.T) {
	src := "templates:\n  - id: x/y\n    body: |\n      {{printf \"%d\" 1}}\n      {{range 3}}{{end}}\n"
	_, err := catalog.Parse("f.yaml", []byte(src), "f.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "f.yaml:4: body of x/y calls printf") {
		t.Errorf("err = %v", err)
	}
}
