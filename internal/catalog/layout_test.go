package catalog_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/templates"
)

// userLayer parses files as the user's directory would hold them.
func userLayer(t *testing.T, files map[string]string) catalog.Layer {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := catalog.ReadDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

const body = "    body: |\n      Hi {{.FirstName}},\n\n      {{.Signoff}},\n      {{.Sender}}\n"

// TestIDContradictingFieldsIsALoadError: an id that names a kind,
// relationship and tone other than the template declares was chosen by
// its id and reported its fields; now it does not load.
func TestIDContradictingFieldsIsALoadError(t *testing.T) {
	l := userLayer(t, map[string]string{"mine.yaml": "templates:\n  - id: recommendation/stranger/warm\n    tone: formal\n" + body})
	_, err := catalog.New(templates.Layer(), l)
	if err == nil {
		t.Fatal("a template whose id says warm and whose tone is formal loaded")
	}
	want := "mine.yaml:2: id recommendation/stranger/warm names tone warm, but the template's tone is formal"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want it to contain %q", err, want)
	}
}

// TestCustomIDIsChosenByItsFields: a template with an id of its own and
// all three fields is chosen for them, over the default.
func TestCustomIDIsChosenByItsFields(t *testing.T) {
	l := userLayer(t, map[string]string{"mine.yaml": "templates:\n  - id: mine/custom\n    kind: recommendation\n    relationship: stranger\n    tone: warm\n" + body})
	c, err := catalog.New(templates.Layer(), l)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Choose(catalog.Key{Lang: "en", Kind: "recommendation", Relationship: "stranger", Tone: "warm"})
	if err != nil || got.ID != "mine/custom" {
		t.Errorf("Choose = %v, %v; want mine/custom", got, err)
	}
	// The default it displaces is still there by its id.
	if _, ok := c.Get("recommendation/stranger/warm"); !ok {
		t.Error("the default recommendation/stranger/warm is gone")
	}
}

// TestEditorFilesAreSkipped: an Emacs lock file (a dangling symlink
// named .#mine.yaml), backups and swap files in a template directory
// broke every command.
func TestEditorFilesAreSkipped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("templates:\n  - id: mine/a\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("you@host.1234:1700000000", filepath.Join(dir, ".#mine.yaml")); err != nil {
		t.Skipf("cannot make a symlink here: %v", err)
	}
	for _, name := range []string{"mine.yaml~", "#mine.yaml#", ".mine.yaml.swp", "en/.#other.yaml"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("not: [valid"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := catalog.ReadDir(dir, false)
	if err != nil {
		t.Fatalf("ReadDir: %v", err)
	}
	if len(l.Templates) != 1 || l.Templates[0].ID != "mine/a" {
		t.Errorf("read %d templates, want mine/a alone", len(l.Templates))
	}
}

// TestALanguageIsADirectory loads a made-up language, xx, from its
// directory alone, with a user's English additions and a flat file
// beside it, and chooses and renders from each.
func TestALanguageIsADirectory(t *testing.T) {
	l, err := catalog.ReadDir(filepath.Join("testdata", "tree"), false)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.New(templates.Layer(), l)
	if err != nil {
		t.Fatal(err)
	}
	// The built-in languages, and xx from its directory.
	want := []string{"xx"}
	for _, l := range templates.Locales {
		want = append(want, l.Lang)
	}
	slices.Sort(want)
	if got := c.Languages(); !slices.Equal(got, want) {
		t.Errorf("Languages = %q, want %q", got, want)
	}
	xx := c.Locale("xx")
	if xx.DefaultKind != "plea" || xx.Question("thing", "Bo") != "Xx Bo thing?" || xx.Question("other", "Bo") != "Xx other?" ||
		xx.Signoff("hard") != "Xx go" || xx.Signoff("loud") != "Xx bye" {
		t.Errorf("xx locale not as written: %+v", xx)
	}
	if got := strings.Join(c.KindsPresent("xx"), " "); got != "plea" {
		t.Errorf("KindsPresent(xx) = %q", got)
	}
	if got := strings.Join(c.RelationshipsFor("xx", "plea"), " "); got != "nobody somebody" {
		t.Errorf("RelationshipsFor(xx, plea) = %q", got)
	}
	if got := strings.Join(c.TonesFor("xx", "plea", "somebody"), " "); got != "hard" {
		t.Errorf("TonesFor = %q", got)
	}
	tmpl, err := c.Choose(catalog.Key{Lang: "xx", Kind: "plea", Relationship: "nobody", Tone: "soft"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := compose.Render(tmpl, &compose.Request{Name: "Bo Lind", Sender: "Me", Signoff: xx.Signoff(tmpl.Tone),
		Values: map[string]string{"thing": xx.Sample("thing")}, Locale: xx})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Xx Bo, xx xx widget.\n\nXx bye,\nMe\n"; r.Body != want || r.Subject != "Xx plea request" {
		t.Errorf("rendered %q / %q, want %q / Xx plea request", r.Subject, r.Body, want)
	}
	// English is not xx: its keys do not reach the other language.
	if _, err := c.Choose(catalog.Key{Lang: "xx", Kind: "recommendation", Relationship: "stranger", Tone: "warm"}); err == nil {
		t.Error("an English key was found in xx")
	}

	en := c.Locale("en")
	if en.Question("event", "Bo") != "Where did you meet Bo?" || en.Question("skill", "Bo") != "Which skill did Bo ask you to endorse?" {
		t.Errorf("the user's English locale did not add to the default")
	}
	if got, err := c.Choose(catalog.Key{Lang: "en", Kind: "recommendation", Relationship: "rival", Tone: "warm"}); err != nil || got.ID != "mine/rival" {
		t.Errorf("Choose(rival) = %v, %v", got, err)
	}
	if got, err := c.Choose(catalog.Key{Lang: "en", Kind: "endorsement", Relationship: "stranger", Tone: "brief"}); err != nil || got.ID != "mine/flat" {
		t.Errorf("a flat file's template is not English: %v, %v", got, err)
	}
	// A language with no locale falls back to English.
	if c.Locale("zz") != en {
		t.Error("Locale(zz) is not English")
	}
}

// TestLocaleIsStrict: a locale's unknown key is an error at its line.
func TestLocaleIsStrict(t *testing.T) {
	_, err := catalog.ParseLocale("xx/locale.yaml", "xx", []byte("kinds:\n  - id: plea\n    lable: Plea\n"))
	want := `xx/locale.yaml:3: unknown field "lable" in kinds entry (expected one of: id, label, subject)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	// The lint word lists are lists of words, read and merged.
	_, err = catalog.ParseLocale("xx/locale.yaml", "xx", []byte("lint:\n  stop-words: would\n"))
	if want := "xx/locale.yaml:2: stop-words must be a list, found text"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
	l0, err := catalog.ParseLocale("xx/locale.yaml", "xx", []byte("lint:\n  stop-words: [would]\n  people: [contact, referee]\n  roles: [role]\n  determiners: [the]\n"))
	if err != nil || len(l0.StopWords) != 1 || len(l0.PeopleValues) != 2 || l0.RoleValues[0] != "role" || l0.Determiners[0] != "the" {
		t.Errorf("got %+v, %v", l0, err)
	}
	// A template of a language without a locale is refused.
	yy := &catalog.Template{Spec: catalog.Spec{ID: "mine/a", Lang: "yy", File: "yy/a.yaml", Line: 2}}
	if _, err := catalog.New(templates.Layer(), catalog.Layer{Templates: []*catalog.Template{yy}}); err == nil || !strings.Contains(err.Error(), `no locale for language "yy"`) {
		t.Errorf("got %v, want no locale for yy", err)
	}
}
