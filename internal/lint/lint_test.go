package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/templates"
)

// TestDefaultCatalogIsClean lints the embedded default catalog: every
// template, every wording, every sample requester. A new or edited
// default template must pass before it ships.
func TestDefaultCatalogIsClean(t *testing.T) {
	r := lint.Check(lint.ReadFS(templates.FS, "templates", catalog.DefaultSource))
	for _, p := range r.Problems {
		t.Error(p)
	}
	if r.Templates != len(templates.Specs()) {
		t.Errorf("checked %d default templates, want %d", r.Templates, len(templates.Specs()))
	}
	if got, want := r.Summary(), fmt.Sprintf("%d templates, no problems", len(templates.Specs())); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// TestDefaultBriefsLeaveRoom holds the default brief replies to 270
// characters for the normal sample, 30 under the LinkedIn limit lint
// enforces, so that a longer name or value than the sample's still fits.
func TestDefaultBriefsLeaveRoom(t *testing.T) {
	const room = 270
	l, err := catalog.ReadFS(templates.FS, "templates", catalog.DefaultSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, tmpl := range l.Templates {
		if tmpl.Tone != "brief" {
			continue
		}
		for i := range tmpl.Variants {
			r, err := compose.Render(tmpl, lint.SampleRequest(tmpl, localeOf(tmpl.Lang), lint.Samples[0], i+1, true))
			if err != nil {
				t.Fatal(err)
			}
			if n := utf8.RuneCountInString(strings.TrimSuffix(r.Body, "\n")); n > room {
				t.Errorf("%s wording %d is %d characters for %q, more than %d", tmpl.ID, i+1, n, lint.Samples[0].Name, room)
			}
		}
	}
}

// TestCompiledDefaults lints the default catalog as decline runs it: the
// Go data generated from the YAML, whose templates are parsed on first use.
func TestCompiledDefaults(t *testing.T) {
	ts := catalog.FromSpecs(templates.Specs(), catalog.DefaultSource)
	for _, tmpl := range ts {
		for _, p := range lint.Template(tmpl, localeOf(tmpl.Lang)) {
			t.Error(p)
		}
	}
	yaml, err := catalog.ReadFS(templates.FS, "templates", catalog.DefaultSource)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != len(yaml.Templates) || len(ts) == 0 {
		t.Errorf("%d compiled default templates, %d in the YAML", len(ts), len(yaml.Templates))
	}
}

// TestFixtures lints each file in testdata/lint, one per problem class,
// and checks the exact report.
func TestFixtures(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	tests := []struct {
		file string
		want string // the report, one problem a line; "" for none
	}{
		{"clean.yaml", ""},
		{"unknown-field.yaml", `testdata/lint/unknown-field.yaml:3: unknown field "subjet" in template (expected one of: id, kind, relationship, tone, subject, signoff, requires, optional, body, variants)`},
		{"schema.yaml", `testdata/lint/schema.yaml:3: unknown relationship "frenemy" (choose one of: stranger, no-business, social, worked-briefly, cannot-vouch, policy, busy, not-yet)`},
		{"undeclared-value.yaml", `testdata/lint/undeclared-value.yaml:6: body of lint/undeclared-value uses .skill, which it does not declare (add it to requires or optional)`},
		{"duplicate-id.yaml", `testdata/lint/duplicate-id.yaml:8: duplicate id lint/duplicate-id (also at testdata/lint/duplicate-id.yaml:2)`},
		{"placeholder.yaml", `testdata/lint/placeholder.yaml:4: body of lint/placeholder: leftover "}}" in the output for "Alexandra Kim"`},
		{"no-value.yaml", `testdata/lint/no-value.yaml:4: body of lint/no-value: leftover "<no value>" in the output for "Alexandra Kim"`},
		{"doubled-space.yaml", `testdata/lint/doubled-space.yaml:6: body of lint/doubled-space: doubled space in "for asking.  I cannot"`},
		{"doubled-space-output.yaml", `testdata/lint/doubled-space-output.yaml:6: body of lint/doubled-space-output: doubled space in the output for "Alexandra Kim" without company: "Manager role  today."`},
		{"trailing-whitespace.yaml", `testdata/lint/trailing-whitespace.yaml:6: body of lint/trailing-whitespace: trailing whitespace`},
		{"greeting.yaml", `testdata/lint/greeting.yaml:4: body of lint/greeting: the first line does not greet "Alexandra Kim" by name (start with something like "Hi {{.FirstName}},")`},
		{"signoff.yaml", `testdata/lint/signoff.yaml:4: body of lint/signoff: the reply for "Alexandra Kim" does not end with the sign-off and sender (end it with "{{.Signoff}}," and "{{.Sender}}", or "{{.SenderFirst}}" to a friend)`},
		{"brief-length.yaml", `testdata/lint/brief-length.yaml:5: body of lint/brief-length: brief reply is 307 characters for "Alexandra Kim", more than the 300 a LinkedIn note holds`},
		{"formal-contraction.yaml", `testdata/lint/formal-contraction.yaml:7: body of lint/formal-contraction: formal tone, but uses the contraction "can't"`},
		{"formal-exclamation.yaml", `testdata/lint/formal-exclamation.yaml:7: body of lint/formal-exclamation: formal tone, but uses an exclamation mark`},
		{"closing-signoff.yaml", `testdata/lint/closing-signoff.yaml:7: body of lint/closing-signoff: the closing repeats the sign-off "All the best": "I hope it goes well, and Wishing You All The Best with it." (end the last paragraph another way)`},
		{"repeated-word.yaml", `testdata/lint/repeated-word.yaml:7: body of lint/repeated-word: says "endorse" 3 times (find other words for some of them)` + "\n" +
			`testdata/lint/repeated-word.yaml:18: body of lint/repeated-value: says "project management" (.skill) 3 times (find other words for some of them)`},
		{"word-family.yaml", `testdata/lint/word-family.yaml:8: body of lint/word-family: says "endorse", "endorsement" and "endorsing" 3 times (find other words for some of them)` + "\n" +
			`testdata/lint/word-family.yaml:19: body of lint/word-family-introduce: says "introduce" and "introduction" 4 times (find other words for some of them)`},
		{"full-name.yaml", `testdata/lint/full-name.yaml:7: body of lint/full-name: names "Priya Natarajan" in full 2 times (after the first, write {{first .contact}} or rephrase)`},
		{"role-article.yaml", `testdata/lint/role-article.yaml:7: body of lint/role-article: the role has no article: "as Senior Product Manager" (write {{a .role}}, or "the {{.role}} role")`},
		{"stranger-long.yaml", `testdata/lint/stranger-long.yaml:7: body of recommendation/stranger/warm: a warm reply to a stranger is 96 words, more than 90 (keep it to two short paragraphs)`},
		{"same-opening.yaml", `testdata/lint/same-opening.yaml:14: variant 2 of lint/same-opening opens with the same sentence as wording 1: "Thanks so much." (start one of them another way)`},
		{"stock-phrase.yaml", ``},
		{"first-start.yaml", `testdata/lint/first-start.yaml:10: body of lint/first-start: a sentence starts with {{first .contact}}, which is lower case when .contact describes someone ("the head of recruiting"): put it later in the sentence`},
		{"opening-shape.yaml", ``},
		{"subject-break.yaml", `testdata/lint/subject-break.yaml:4: subject of lint/subject-break: a line break after "About your"; a subject is one line, so write it on one line`},
		{"unused-value.yaml", `testdata/lint/unused-value.yaml:2: lint/unused-value declares the value "company" but never uses it (remove it from optional, or use it)`},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			r := lint.Check(lint.ReadPath(filepath.Join("testdata", "lint", tt.file), false))
			if got := report(r); got != tt.want {
				t.Errorf("lint %s:\ngot  %s\nwant %s", tt.file, got, tt.want)
			}
		})
	}
	// Every fixture is checked, so none can rot unnoticed.
	files, _ := filepath.Glob(filepath.Join("testdata", "lint", "*.yaml"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s has no test case", f)
		}
	}
}

func report(r *lint.Report) string {
	lines := make([]string, len(r.Problems))
	for i, p := range r.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const okTemplate = `templates:
  - id: %s
    body: |
      Hi {{.FirstName}},

      Thanks for asking.

      {{.Signoff}},
      {{.Sender}}
`

func TestEverySampleIsRendered(t *testing.T) {
	// A greeting that works for one name only is caught with the name
	// it fails for.
	dir := t.TempDir()
	path := write(t, dir, "odd.yaml", `templates:
  - id: odd
    body: |
      Hi {{if eq .FirstName "D'Arcy"}}there{{else}}{{.FirstName}}{{end}},

      {{.Signoff}},
      {{.Sender}}
`)
	r := lint.Check(lint.ReadPath(path, false))
	want := path + `:4: body of odd: the first line does not greet "D'Arcy O'Brien" by name (start with something like "Hi {{.FirstName}},")`
	if got := report(r); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestOneLinePerMistake(t *testing.T) {
	// A missing greeting fails for every sample and both sets of values,
	// but is one mistake: one line, per wording.
	dir := t.TempDir()
	path := write(t, dir, "two.yaml", `templates:
  - id: two
    optional: [company]
    variants:
      - |
        Hello{{if .company}} from {{.company}}{{end}},

        {{.Signoff}},
        {{.Sender}}
      - |
        Hello,

        {{.Signoff}},
        {{.Sender}}
`)
	r := lint.Check(lint.ReadPath(path, false))
	// company is used by variant 1, so it is not an unused value.
	want := path + `:6: variant 1 of two: the first line does not greet "Alexandra Kim" by name (start with something like "Hi {{.FirstName}},")` + "\n" +
		path + `:11: variant 2 of two: the first line does not greet "Alexandra Kim" by name (start with something like "Hi {{.FirstName}},")`
	if got := report(r); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLayers(t *testing.T) {
	user, extra := t.TempDir(), t.TempDir()
	write(t, user, "a.yaml", strings.ReplaceAll(okTemplate, "%s", "mine/a"))
	// A later layer may replace an id without it being a duplicate.
	write(t, extra, "a.yaml", strings.ReplaceAll(okTemplate, "%s", "mine/a"))
	write(t, extra, "b.yaml", strings.ReplaceAll(okTemplate, "%s", "mine/b"))
	r := lint.Check(lint.ReadFS(templates.FS, "templates", catalog.DefaultSource), lint.ReadPath(user, true), lint.ReadPath(extra, false))
	if got, want := r.Summary(), fmt.Sprintf("%d templates, no problems", len(templates.Specs())+2); got != want {
		t.Errorf("summary %q, want %q (problems: %v)", got, want, r.Problems)
	}
	// The same id twice in one layer is a duplicate.
	write(t, user, "b.yaml", strings.ReplaceAll(okTemplate, "%s", "mine/a"))
	r = lint.Check(lint.ReadPath(user, false))
	if got, want := report(r), filepath.Join(user, "b.yaml")+":2: duplicate id mine/a (also at "+filepath.Join(user, "a.yaml")+":2)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestReadPath(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope")
	tests := []struct {
		name     string
		path     string
		optional bool
		want     string
	}{
		{"missing path", missing, false, missing + ": cannot read: no such file or directory"},
		{"missing optional directory", missing, true, ""},
		{"empty directory", dir, false, dir + ": no template files here (decline reads *.yaml and *.yml)"},
		{"empty optional directory", dir, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := report(lint.Check(lint.ReadPath(tt.path, tt.optional))); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		r    lint.Report
		want string
	}{
		{lint.Report{Templates: 1}, "1 template, no problems"},
		{lint.Report{Templates: 0}, "0 templates, no problems"},
		{lint.Report{Templates: 3, Problems: catalog.ErrorList{{}}}, "1 problem in 3 templates"},
		{lint.Report{Templates: 1, Problems: catalog.ErrorList{{}, {}}}, "2 problems in 1 template"},
	}
	for _, tt := range tests {
		if got := tt.r.Summary(); got != tt.want {
			t.Errorf("Summary() = %q, want %q", got, tt.want)
		}
	}
}

// localeOf is the built-in locale of a language.
func localeOf(lang string) *catalog.Locale {
	for _, l := range templates.Locales {
		if l.Lang == lang {
			return l
		}
	}
	return templates.English
}

// TestInformal checks that a formal wording may not use a word of the
// locale's informal list, matched whole and in any case, accents and all.
func TestInformal(t *testing.T) {
	loc := *templates.English
	loc.Informal = []string{"du", "dich", "tú"}
	tmpl := &catalog.Spec{ID: "x/y/formal", Lang: "en", Tone: "formal", Subject: "Hallo",
		Variants: []string{"Hallo {{.FirstName}},\n\nDu weißt, dass ich dich schätze, tú, dudelsack.\n\n{{.Signoff}},\n{{.Sender}}\n"},
		File:     "x.yaml", Line: 1, VariantLines: []int{2}}
	var got []string
	for _, p := range lint.Template(catalog.FromSpecs([]catalog.Spec{*tmpl}, "test")[0], &loc) {
		if strings.Contains(p.Error(), "familiar") {
			got = append(got, p.Error())
		}
	}
	want := []string{
		`x.yaml:4: body of x/y/formal: formal tone, but uses the familiar "Du"`,
		`x.yaml:4: body of x/y/formal: formal tone, but uses the familiar "dich"`,
		`x.yaml:4: body of x/y/formal: formal tone, but uses the familiar "tú"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The catalog-wide checks hear a file among the built-in wordings: a
// phrase or an opening is worn when the catalog's share of it, the
// file's wordings included, is too high; a file of a few wordings that
// share one is not (TestFixtures), and a built-in template copied as it
// is passes.
func TestCatalogWideChecksHearTheWholeCatalog(t *testing.T) {
	builtin := 0
	for _, tm := range lint.ReadFS(templates.FS, "templates", catalog.DefaultSource).Templates {
		if tm.Lang == "en" {
			builtin += len(tm.Variants)
		}
	}
	// Enough wordings that the phrase and the opening are worn in the
	// whole catalog: more than 1 in PhraseShare and 1 in OpeningShare.
	n := builtin/(lint.OpeningShare-1) + 1
	var b strings.Builder
	b.WriteString("templates:\n")
	for i := range n {
		tag := strings.Repeat(string(rune('a'+i%26)), 1+i/26)
		fmt.Fprintf(&b, "  - id: lint/worn-%s\n    tone: warm\n    body: |\n      Hi {{.FirstName}},\n\n      Thanks for %s. May the purple elephants parade for you.\n\n      {{.Signoff}},\n      {{.Sender}}\n", tag, tag)
	}
	path := write(t, t.TempDir(), "worn.yaml", b.String())
	got := report(lint.Check(lint.ReadPath(path, false)))
	for _, want := range []string{`stock phrase "may the purple elephants parade for you" in ` + fmt.Sprint(n) + ` of `, `wordings open with "thanks for"`} {
		if !strings.Contains(got, want) {
			t.Errorf("lint of %d wordings sharing a phrase and an opening:\n%s\nwant a line with %q", n, got, want)
		}
	}
	for _, line := range strings.Split(got, "\n") {
		if !strings.HasPrefix(line, path+":") {
			t.Errorf("a problem is reported outside the file linted: %s", line)
		}
	}

	// A built-in template of several wordings copied under an id of its
	// own, unchanged: its wordings share phrases, as they always did.
	var src *catalog.Template
	for _, tm := range lint.ReadFS(templates.FS, "templates", catalog.DefaultSource).Templates {
		if tm.Lang == "en" && len(tm.Variants) > 1 && src == nil {
			src = tm
		}
	}
	data, err := catalog.CopyAs(src, "mine/copy", "")
	if err != nil {
		t.Fatal(err)
	}
	copied := write(t, t.TempDir(), "copy.yaml", string(data))
	if got := report(lint.Check(lint.ReadPath(copied, false))); got != "" {
		t.Errorf("lint of an unchanged copy of %s:\n%s", src.ID, got)
	}
}

// TestLocaleSubjectAction: a locale's subjects are sent as written, so a
// template action in one is reported at its line.
func TestLocaleSubjectAction(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "en")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := write(t, dir, "locale.yaml", "kinds:\n  - id: recommendation\n    subject: Your {{.FirstName}} request\nsubject: Your request\n")
	got := report(lint.Check(lint.ReadPath(path, false)))
	want := path + `:3: subject of kind recommendation "Your {{.FirstName}} request" holds a template action; a locale's subjects are plain text, sent as written: write the words themselves`
	if got != want {
		t.Errorf("lint:\ngot  %s\nwant %s", got, want)
	}
}

// englishWish finds the words of a good wish in a sentence: what the
// last sentence of every English default reply holds, before the
// sign-off ("I hope the interviews go well.", "Good luck with the
// launch!"). STYLE.md: never end without a good wish.
var englishWish = regexp.MustCompile(`(?i)\b(hope|hoping|wish|wishes|wishing|luck|success|rooting|cheering|take care|look(ing)? forward|enjoy|go(es|ing)? well|all the best|best of|congratulations|fingers crossed|thrive|flourish|keep well)\b`)

// lastSentence is the last sentence of a reply's body, on one line.
func lastSentence(body string) string {
	text := strings.Join(strings.Fields(body), " ")
	for i := len(text) - 2; i > 0; i-- {
		if strings.ContainsRune(".!?", rune(text[i])) && text[i+1] == ' ' {
			return text[i+2:]
		}
	}
	return text
}

// TestEnglishDefaultsEndWithAWish renders every English default wording
// and checks that its last sentence before the sign-off is a good wish.
func TestEnglishDefaultsEndWithAWish(t *testing.T) {
	l, err := catalog.ReadFS(templates.FS, "templates", catalog.DefaultSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, tmpl := range l.Templates {
		if tmpl.Lang != catalog.DefaultLang {
			continue
		}
		for i := range tmpl.Variants {
			r, err := compose.Render(tmpl, lint.SampleRequest(tmpl, templates.English, lint.Samples[0], i+1, true))
			if err != nil {
				t.Fatal(err)
			}
			body := strings.TrimSpace(r.Body)
			// The sign-off block is the last paragraph.
			if k := strings.LastIndex(body, "\n\n"); k >= 0 {
				body = body[:k]
			}
			if last := lastSentence(body); !englishWish.MatchString(last) {
				t.Errorf("%s wording %d ends without a good wish: %q", tmpl.ID, i+1, last)
			}
		}
	}
	if englishWish.MatchString("Sorry to disappoint.") || !englishWish.MatchString("I hope the interviews go well.") {
		t.Error("englishWish does not tell a wish from an apology")
	}
}
