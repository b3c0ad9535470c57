package catalog_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// bigLocale is a locale file of n relationships, each id made by id(i).
func bigLocale(n int, id func(int) string) string {
	var b strings.Builder
	b.WriteString("relationships:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - {id: %s, label: R}\n", id(i))
	}
	return b.String()
}

// TestLargeLocaleMergesInLinearTime: a user locale of tens of thousands
// of relationships took seconds to merge (each entry searched the whole
// list); it must merge in well under a second.
func TestLargeLocaleMergesInLinearTime(t *testing.T) {
	src := bigLocale(35000, func(i int) string { return fmt.Sprintf("r%d", i) })
	loc, err := catalog.ParseLocale("en/locale.yaml", "en", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := catalog.New(templates.Layer(), catalog.Layer{Locales: []*catalog.Locale{loc}}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("merging took %v", d)
	}
}

// TestLocaleProblemsAreCapped: a locale of thousands of bad ids said two
// things about each and all of them; now each entry once and the first
// hundred problems, then how many more.
func TestLocaleProblemsAreCapped(t *testing.T) {
	src := bigLocale(5000, func(i int) string { return fmt.Sprintf("BAD%d", i) })
	_, err := catalog.ParseLocale("en/locale.yaml", "en", []byte(src))
	var list catalog.ErrorList
	if err == nil || !asList(err, &list) {
		t.Fatalf("err = %v", err)
	}
	if len(list) != 101 {
		t.Fatalf("%d problems, want 100 and a last line saying how many more", len(list))
	}
	for _, e := range list[:100] {
		if strings.Contains(e.Msg, "has no id") {
			t.Fatalf("an entry with a bad id was reported twice: %v", e)
		}
	}
	if got := list[100].Error(); got != "en/locale.yaml: and 4900 more problems in this file (fix these first)" {
		t.Errorf("last = %q", got)
	}
	// A template file too.
	var b strings.Builder
	b.WriteString("templates:\n")
	for i := 0; i < 500; i++ {
		b.WriteString("  - 1\n")
	}
	_, err = catalog.Parse("t.yaml", []byte(b.String()), "t.yaml")
	if !asList(err, &list) || len(list) != 101 || !strings.Contains(list[100].Msg, "400 more problems") {
		t.Errorf("template file: %d problems, last %v", len(list), list[len(list)-1])
	}
}

func asList(err error, list *catalog.ErrorList) bool {
	l, ok := err.(catalog.ErrorList)
	*list = l
	return ok
}

// TestAFolderIsALanguageOnlyWithALocale: a backup folder beside the
// templates broke every command ("no locale for language backup"); a
// folder without a locale, and no built-in one, is skipped.
func TestAFolderIsALanguageOnlyWithALocale(t *testing.T) {
	l := userLayer(t, map[string]string{
		"mine.yaml":        "templates:\n  - id: mine/a\n" + body,
		"backup/mine.yaml": "templates:\n  - id: mine/a\n" + body,
		"yy/a.yaml":        "templates:\n  - id: mine/b\n" + body,
		"en/b.yaml":        "templates:\n  - id: mine/c\n" + body,
	})
	c, err := catalog.New(templates.Layer(), l)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("mine/b"); ok {
		t.Error("a folder with no locale was read as a language")
	}
	if _, ok := c.Get("mine/c"); !ok {
		t.Error("en/, a built-in language, was skipped")
	}
	if got := strings.Join(l.Skipped, " "); !strings.HasSuffix(got, "yy") || !strings.Contains(got, "backup") {
		t.Errorf("Skipped = %q", got)
	}
}

// TestIDsArePerLanguage: a template of another language with an English
// default's id replaced the English template; each language keeps its
// own. The language is a made-up one (xx), so that no built-in template
// of it exists.
func TestIDsArePerLanguage(t *testing.T) {
	l := userLayer(t, map[string]string{
		"xx/locale.yaml": "kinds: [{id: recommendation, label: Xx plea}]\nrelationships: [{id: stranger, label: Xx nobody}]\ntones: [{id: warm, label: Warm}]\ndefault-kind: recommendation\ndefault-tone: warm\n",
		"xx/x.yaml":      "templates:\n  - id: recommendation/stranger/warm\n" + body,
	})
	c, err := catalog.New(templates.Layer(), l)
	if err != nil {
		t.Fatal(err)
	}
	en, err := c.Choose(catalog.Key{Lang: "en", Kind: "recommendation", Relationship: "stranger", Tone: "warm"})
	if err != nil || en.Lang != "en" || en.Source != catalog.DefaultSource {
		t.Errorf("English: %v, %v", en, err)
	}
	de, err := c.Choose(catalog.Key{Lang: "xx", Kind: "recommendation", Relationship: "stranger", Tone: "warm"})
	if err != nil || de.Lang != "xx" {
		t.Errorf("xx: %v, %v", de, err)
	}
	if got, ok := c.Get("recommendation/stranger/warm"); !ok || got != en {
		t.Errorf("Get gives %v, want the English one", got)
	}
	if got, ok := c.GetIn("xx", "recommendation/stranger/warm"); !ok || got != de {
		t.Errorf("GetIn(xx) gives %v, want the xx one", got)
	}
	if got, ok := c.GetIn("xx", "recommendation/stranger/formal"); !ok || got.Lang != "en" {
		t.Errorf("GetIn(xx) of an id only English has: %v", got)
	}
}

// TestKeyClashMessage reads as a sentence naming both templates.
func TestKeyClashMessage(t *testing.T) {
	l := userLayer(t, map[string]string{"mine.yaml": "templates:\n  - id: mine/a\n    kind: recommendation\n    relationship: stranger\n    tone: warm\n" + body +
		"  - id: mine/b\n    kind: recommendation\n    relationship: stranger\n    tone: warm\n" + body})
	_, err := catalog.New(templates.Layer(), l)
	if err == nil || !strings.Contains(err.Error(), "mine.yaml:11: mine/b and mine/a (") ||
		!strings.Contains(err.Error(), "mine.yaml:2) are both for recommendation/stranger/warm in one directory; give one of them another kind, relationship or tone") {
		t.Errorf("got %v", err)
	}
}

// TestIDContradictingEveryField names each field that disagrees.
func TestIDContradictingEveryField(t *testing.T) {
	l := userLayer(t, map[string]string{"mine.yaml": "templates:\n  - id: recommendation/stranger/warm\n    relationship: colleague\n    tone: formal\n" + body})
	_, err := catalog.New(templates.Layer(), l)
	if err == nil || !strings.Contains(err.Error(), "relationship is colleague") || !strings.Contains(err.Error(), "tone is formal") {
		t.Errorf("got %v, want both relationship and tone named", err)
	}
}

// TestLocaleYml: locale.yml is a locale, not a template file, and an
// alias in a locale is refused as in a locale file.
func TestLocaleYml(t *testing.T) {
	l := userLayer(t, map[string]string{
		"en/locale.yml": "relationships: [{id: rival, label: A rival}]\n",
		"en/r.yaml":     "templates:\n  - id: mine/r\n    kind: recommendation\n    relationship: rival\n    tone: warm\n" + body,
	})
	if _, err := catalog.New(templates.Layer(), l); err != nil {
		t.Fatal(err)
	}
	_, err := catalog.ParseLocale("en/locale.yaml", "en", []byte("relationships: &a [{id: x, label: X}]\ntones: *a\n"))
	if err == nil || !strings.Contains(err.Error(), "in locale files") {
		t.Errorf("got %v", err)
	}
}

// TestValueFuncsTakeText: {{first 1}} and {{a nil}} loaded and failed
// at every render with Go internals; they are refused at their line.
func TestValueFuncsTakeText(t *testing.T) {
	for _, b := range []string{`{{first 1}}`, `{{a nil}}`, `{{a true}}`, `{{1 | first}}`, `{{first (len .Name)}}`, `{{a 1.5}}`} {
		src := "templates:\n  - id: x/y\n    body: |\n      Hi,\n      " + b + "\n"
		_, err := catalog.Parse("f.yaml", []byte(src), "f.yaml")
		if err == nil || !strings.HasPrefix(err.Error(), "f.yaml:5: body of x/y calls ") {
			t.Errorf("%s: got %v", b, err)
		}
	}
	for _, b := range []string{`{{first "Ann Lee"}}`, `{{$x := .Name}}{{first $x}}`, `{{.Name | first | a}}`, `{{a (first .Name)}}`} {
		src := "templates:\n  - id: x/y\n    body: |\n      Hi,\n      " + b + "\n"
		if _, err := catalog.Parse("f.yaml", []byte(src), "f.yaml"); err != nil {
			t.Errorf("%s: %v", b, err)
		}
	}
}

// TestLocaleNames: a locale's names section adds its titles to the
// built-in ones, and a word the rules could never match is refused at
// its line.
func TestLocaleNames(t *testing.T) {
	l, err := catalog.ParseLocale("de/locale.yaml", "de", []byte("names:\n  titles: [herr, frau]\n  particles: [zu]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Names.First("Herr Hans zu Weber"); got != "Hans" {
		t.Errorf("First = %q, want Hans", got)
	}
	if got := l.Names.Formal("Frau Anna zu Weber"); got != "Frau zu Weber" {
		t.Errorf("Formal = %q, want Frau zu Weber", got)
	}
	if got := l.Names.WithArticle("Entwickler"); got != "Entwickler" {
		t.Errorf("WithArticle = %q, want no article from a locale that gives none", got)
	}
	_, err = catalog.ParseLocale("de/locale.yaml", "de", []byte("names:\n  titles:\n    - herr\n    - Dr.\n"))
	if err == nil || !strings.Contains(err.Error(), "de/locale.yaml:4:") || !strings.Contains(err.Error(), "lowercase") {
		t.Errorf("a title with a capital and a dot: err = %v, want one at line 4 that asks for lowercase", err)
	}
	l, err = catalog.ParseLocale("de/locale.yaml", "de", []byte("names:\n  compound-given-names: [Hans Peter]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Names.First("Hans Peter Weber"); got != "Hans Peter" {
		t.Errorf("First = %q, want the compound given name Hans Peter", got)
	}
	_, err = catalog.ParseLocale("de/locale.yaml", "de", []byte("names:\n  compound-given-names:\n    - hans\n"))
	if err == nil || !strings.Contains(err.Error(), "de/locale.yaml:3:") || !strings.Contains(err.Error(), "two words") {
		t.Errorf("a compound of one word: err = %v, want one at line 3 that asks for two words", err)
	}
	l, err = catalog.ParseLocale("es/locale.yaml", "es", []byte("names:\n  titles: [dra]\n  family-name: all\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Names.Formal("Dra. Ana Ruiz García"); got != "Dra. Ruiz García" {
		t.Errorf("Formal = %q, want both surnames (family-name: all)", got)
	}
	_, err = catalog.ParseLocale("es/locale.yaml", "es", []byte("names:\n  family-name: both\n"))
	if err == nil || !strings.Contains(err.Error(), "es/locale.yaml:2:") || !strings.Contains(err.Error(), "last or all") {
		t.Errorf("family-name: both: err = %v, want one at line 2 that names last and all", err)
	}
}

// TestRequestsAreBuiltIn: the built-in locales keep their requests
// section (the rules decline reply reads requests by) as text; a
// locale file of the user's that has one is refused at its file, since
// it would not be read, and one that is not a mapping is refused at its
// line.
func TestRequestsAreBuiltIn(t *testing.T) {
	if !strings.Contains(templates.English.Requests, "no-reply-senders:") {
		t.Errorf("the English locale's requests section was not kept: %.80q", templates.English.Requests)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "en", "locale.yaml"), []byte("requests:\n  max-value-words: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := catalog.ReadDir(dir, false)
	if err == nil || !strings.Contains(err.Error(), "locale.yaml: requests: the rules for reading requests are built into decline") {
		t.Errorf("ReadDir = %v", err)
	}
	if _, err := catalog.ReadLocaleFile(filepath.Join(dir, "en", "locale.yaml"), "en"); err == nil {
		t.Error("ReadLocaleFile took a requests section")
	}
	_, err = catalog.ParseLocale("x/locale.yaml", "en", []byte("subject: S\nrequests: [a]\n"))
	if err == nil || !strings.Contains(err.Error(), "x/locale.yaml:2: requests must be a mapping") {
		t.Errorf("ParseLocale = %v", err)
	}
}
