package catalog_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// TestParseErrors has one case per class of mistake the loader refuses,
// with the exact message a user sees (file and line first).
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{
			"unknown field",
			"templates:\n  - id: a\n    bodyy: x\n",
			`f.yaml:3: unknown field "bodyy" in template (expected one of: id, kind, relationship, tone, subject, signoff, requires, optional, body, variants)`,
		},
		{
			"sign-off without letters",
			"templates:\n  - id: a\n    signoff: '--'\n    body: x\n",
			`f.yaml:3: signoff "--" has no letters: write one such as 'Best wishes', or remove the line`,
		},
		{
			"value declaration without a name",
			"templates:\n  - id: a\n    requires:\n      - question: Which?\n    body: x\n",
			`f.yaml:4: requires entry has no name (write {name: event, question: ...})`,
		},
		{
			"unknown field in a value declaration",
			"templates:\n  - id: a\n    optional:\n      - name: venue\n        ask: Where?\n    body: x\n",
			`f.yaml:5: unknown field "ask" in optional entry (expected one of: name, question)`,
		},
		{
			"unknown top-level field",
			"kinds: recommendation\ntemplates: [{id: a, body: x}]\n",
			`f.yaml:1: unknown field "kinds" in file (expected one of: kind, templates)`,
		},
		{
			"duplicate key",
			"templates:\n  - id: a\n    body: x\n    body: y\n",
			`f.yaml:4: duplicate key "body" (already set at line 3)`,
		},
		{
			"unknown kind",
			"templates:\n  - id: a\n    kind: letter\n    body: x\n",
			`f.yaml:3: unknown kind "letter" (choose one of: recommendation, endorsement, reference, referral, introduction, testimonial)`,
		},
		{
			"unknown relationship",
			"kind: recommendation\ntemplates:\n  - relationship: frenemy\n    tone: warm\n    body: x\n",
			`f.yaml:3: unknown relationship "frenemy" (choose one of: stranger, no-business, social, worked-briefly, cannot-vouch, policy, busy, not-yet)`,
		},
		{
			"unknown tone",
			"kind: recommendation\ntemplates:\n  - relationship: stranger\n    tone: loud\n    body: x\n",
			`f.yaml:4: unknown tone "loud" (choose one of: warm, formal, brief)`,
		},
		{
			"template that does not parse, on its own line",
			"templates:\n  - id: a\n    body: |\n      Hi {{.FirstName}},\n\n      {{.Name | shout}}\n",
			`f.yaml:6: body of a does not parse: function "shout" not defined`,
		},
		{
			"variant that does not parse",
			"templates:\n  - id: a\n    variants:\n      - x\n      - |\n        Hi,\n        {{end}}\n",
			`f.yaml:7: variant 2 of a does not parse: unexpected {{end}}`,
		},
		{
			"undeclared value, on its own line",
			"templates:\n  - id: a\n    body: |\n      Hi {{.FirstName}},\n\n      About {{.skill}}.\n",
			`f.yaml:6: body of a uses .skill, which it does not declare (add it to requires or optional)`,
		},
		{
			"misspelt builtin",
			"templates:\n  - id: a\n    body: |\n      Hi {{.Firstname}},\n",
			`f.yaml:4: body of a uses .Firstname, which it does not declare (did you mean .FirstName?)`,
		},
		{
			"undeclared value in the subject",
			"templates:\n  - id: a\n    subject: About {{.skill}}\n    body: x\n",
			`f.yaml:3: subject of a uses .skill, which it does not declare (add it to requires or optional)`,
		},
		{
			"alias",
			"templates:\n  - &t\n    id: a\n    body: x\n  - *t\n",
			`f.yaml:5: YAML aliases (*name) are not supported in template files`,
		},
		{
			"invalid id",
			"templates:\n  - id: Acme/Short\n    body: x\n",
			`f.yaml:2: invalid id "Acme/Short" (use lowercase letters, digits, '-' and '/', like acme/short)`,
		},
		{
			"no id and no tone",
			"kind: recommendation\ntemplates:\n  - relationship: stranger\n    body: x\n",
			`f.yaml:3: template has no id and no tone (give an id, or all of kind, relationship and tone)`,
		},
		{
			"no body",
			"templates:\n  - id: a\n    subject: x\n",
			`f.yaml:2: template a has no 'body' or 'variants'`,
		},
		{
			"reserved value name",
			"templates:\n  - id: a\n    requires: [email]\n    body: '{{.email}}'\n",
			`f.yaml:3: value name "email" in a is reserved for batch input columns; choose another name`,
		},
		{
			"two documents",
			"templates:\n  - id: a\n    body: x\n---\ntemplates: []\n",
			`f.yaml:4: more than one YAML document in a file (remove the '---' separator)`,
		},
		{
			"empty file",
			"",
			`f.yaml: file is empty (expected a 'templates' list)`,
		},
		{
			"malformed YAML",
			"templates:\n\t- id: a\n",
			`f.yaml:2: invalid YAML: found character that cannot start any token (indent with spaces; YAML does not allow tabs there)`,
		},
		{
			"binary",
			"\x00\x01\x02\xff\xfe",
			`f.yaml: file is not valid UTF-8`,
		},
		{
			"control characters",
			"\x00\x01\x02",
			`f.yaml: invalid YAML: control characters are not allowed`,
		},
		{
			"not a mapping",
			"- id: a\n",
			`f.yaml:1: expected a mapping with a 'templates' list, found a list`,
		},
		{
			"odd tag, quoted so that the message stays one line",
			"!%0A",
			`f.yaml:1: expected a mapping with a 'templates' list, found a value tagged "!\n"`,
		},
		{
			"body that is not text",
			"templates:\n  - id: a\n    body: [x]\n",
			`f.yaml:3: body must be text, found a list (put it in quotes)`,
		},
		{
			"file over the size cap",
			"templates: []\n" + strings.Repeat("#", catalog.MaxFileSize),
			`f.yaml: file is larger than the 1048576 bytes a template file may hold`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, err := catalog.Parse("f.yaml", []byte(tt.yaml), "f.yaml")
			if err == nil {
				// Kinds, relationships and tones are checked against
				// the locale when the catalog is built.
				_, err = catalog.New(catalog.Layer{Templates: ts, Locales: templates.Locales})
			}
			if err == nil {
				t.Fatalf("loaded %d templates, want error %q", len(ts), tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseKeepsGoodEntries(t *testing.T) {
	// One bad entry does not hide the good ones, nor stop the others
	// being checked.
	src := "templates:\n  - id: good\n    body: x\n  - id: bad\n    bogus: 1\n  - id: worse\n    body: '{{'\n"
	ts, err := catalog.Parse("f.yaml", []byte(src), "f.yaml")
	if len(ts) != 1 || ts[0].ID != "good" {
		t.Errorf("got %d templates, want only 'good'", len(ts))
	}
	var list catalog.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("got %v, want two problems", err)
	}
	want := `f.yaml:5: unknown field "bogus" in template (expected one of: id, kind, relationship, tone, subject, signoff, requires, optional, body, variants) (and 1 more problem)`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
}

// TestTemplateSignoff: a template's signoff key is read, and a copy of
// the template keeps it.
func TestTemplateSignoff(t *testing.T) {
	ts, err := catalog.Parse("f.yaml", []byte("templates:\n  - id: a\n    signoff: Amitiés\n    body: x\n"), "f.yaml")
	if err != nil || len(ts) != 1 || ts[0].Signoff != "Amitiés" {
		t.Fatalf("got %v, %v: want the sign-off Amitiés", ts, err)
	}
	out, err := catalog.CopyAs(ts[0], "b", "")
	if err != nil || !strings.Contains(string(out), "signoff: Amitiés") {
		t.Errorf("copy %q, %v: want the sign-off kept", out, err)
	}
}

func TestDuplicateIDAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.yaml": {Data: []byte("templates:\n  - id: mine/x\n    body: one\n")},
		"b.yaml": {Data: []byte("# same id\ntemplates:\n  - id: mine/x\n    body: two\n")},
	}
	l, err := catalog.ReadFS(fsys, "dir", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = catalog.Merge(templates.Locales, l.Templates)
	want := "dir/b.yaml:3: duplicate id mine/x (also at dir/a.yaml:2)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestLaterLayerReplaces(t *testing.T) {
	parse := func(src, file string) []*catalog.Template {
		ts, err := catalog.Parse(file, []byte(src), file)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	c, err := catalog.Merge(templates.Locales,
		parse("kind: recommendation\ntemplates:\n  - {relationship: stranger, tone: warm, body: default}\n", "default"),
		parse("templates:\n  - {id: recommendation/stranger/warm, body: mine}\n", "mine.yaml"),
	)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := c.Get("recommendation/stranger/warm")
	if got.Variants[0] != "mine" || got.Source != "mine.yaml" {
		t.Errorf("got %q from %s, want mine from mine.yaml", got.Variants[0], got.Source)
	}
}

func TestReadFileOverCap(t *testing.T) {
	// A huge file is refused without reading it all.
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, bytes.Repeat([]byte("#"), 3*catalog.MaxFileSize), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := catalog.ReadFile(path)
	want := path + ": file is larger than the 1048576 bytes a template file may hold"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
