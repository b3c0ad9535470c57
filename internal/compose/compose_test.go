package compose_test

import (
	"errors"
	"hash/fnv"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
)

// parseOne parses a one-template file for tests.
func parseOne(t *testing.T, yaml string) *catalog.Template {
	t.Helper()
	ts, err := catalog.Parse("test.yaml", []byte(yaml), "test.yaml")
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if len(ts) != 1 {
		t.Fatalf("parsed %d templates, want 1", len(ts))
	}
	return ts[0]
}

const endorseYAML = `
kind: endorsement
templates:
  - relationship: social
    tone: warm
    subject: About {{.skill}}
    requires: [skill]
    optional: [company]
    variants:
      - "Hi {{.FirstName}}, one {{.skill}}{{if .company}} at {{.company}}{{end}}.\n\n{{.Signoff}},\n{{.Sender}}\n"
      - "Hello {{.FirstName}}, two {{.skill}}.\n\n{{.Signoff}},\n{{.Sender}}\n"
      - "Dear {{.Name}}, three {{.skill}}.\n\n{{.Signoff}},\n{{.Sender}}\n"
`

func TestRenderFillsData(t *testing.T) {
	tmpl := parseOne(t, endorseYAML)
	r, err := compose.Render(tmpl, &compose.Request{
		Name: "  Ana María Ruiz ", Sender: "Jordan", Signoff: "Best,",
		Values: map[string]string{"skill": "Go", "company": "Acme"}, Variant: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "Hi Ana María, one Go at Acme.\n\nBest,\nJordan\n"
	if r.Body != want {
		t.Errorf("body = %q, want %q", r.Body, want)
	}
	if r.Subject != "About Go" || r.Name != "Ana María Ruiz" || r.FirstName != "Ana María" || r.Variant != 1 {
		t.Errorf("reply = %+v", r)
	}
}

func TestRenderOptionalValueMayBeAbsent(t *testing.T) {
	tmpl := parseOne(t, endorseYAML)
	r, err := compose.Render(tmpl, &compose.Request{Name: "Ana", Values: map[string]string{"skill": "Go"}, Variant: 1, Signoff: "Best"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Body, "<no value>") || strings.Contains(r.Body, " at ") {
		t.Errorf("optional value leaked: %q", r.Body)
	}
	// An empty sender leaves no dangling blank line or trailing space.
	if !strings.HasSuffix(r.Body, "Best,\n") {
		t.Errorf("body should end with the sign-off: %q", r.Body)
	}
}

func TestRenderFirstNameOverride(t *testing.T) {
	tmpl := parseOne(t, endorseYAML)
	r, err := compose.Render(tmpl, &compose.Request{Name: "Dr. Li Wei", FirstName: "Wei", Values: map[string]string{"skill": "Go"}, Variant: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Body, "Hello Wei,") {
		t.Errorf("body = %q", r.Body)
	}
}

func TestRenderErrors(t *testing.T) {
	tmpl := parseOne(t, endorseYAML)
	tests := []struct {
		name string
		req  compose.Request
		want string
	}{
		{"missing required", compose.Request{Name: "Ana"}, "template endorsement/social/warm needs a value for skill"},
		{"blank required", compose.Request{Name: "Ana", Values: map[string]string{"skill": "  "}}, "needs a value for skill"},
		{"empty name", compose.Request{Name: " ", Values: map[string]string{"skill": "Go"}}, "name is empty"},
		{"escape in name", compose.Request{Name: "Ana\x1b]52;c;aGk=\a", Values: map[string]string{"skill": "Go"}}, `name "Ana\x1b]52;c;aGk=\a" contains an escape character (U+001B)`},
		{"newline in value", compose.Request{Name: "Ana", Values: map[string]string{"skill": "Go\nBcc: x"}}, `value skill "Go\nBcc: x" contains a line break`},
		{"bidi in first name", compose.Request{Name: "Ana", FirstName: "\u202eanA", Values: map[string]string{"skill": "Go"}}, `first name "\u202eanA" contains a text-direction control (U+202E)`},
		{"invalid utf-8", compose.Request{Name: "Ana\xff", Values: map[string]string{"skill": "Go"}}, `name "Ana\xff" is not valid UTF-8`},
		{"variant too high", compose.Request{Name: "Ana", Values: map[string]string{"skill": "Go"}, Variant: 4}, "has 3 wordings; variant 4 does not exist (use 1 to 3)"},
		{"no letters in name", compose.Request{Name: ", ,", Values: map[string]string{"skill": "Go"}}, `name ", ," has no letters: give the person's name`},
		{"digits for a name", compose.Request{Name: "42", Values: map[string]string{"skill": "Go"}}, `name "42" has no letters`},
		{"no letters in first name", compose.Request{Name: "Ana", FirstName: "-", Values: map[string]string{"skill": "Go"}}, `first name "-" has no letters`},
		{"no letters in sign-off", compose.Request{Name: "Ana", Signoff: ",", Values: map[string]string{"skill": "Go"}}, `sign-off "," has no letters: give one such as "Best wishes"`},
		{"blank sign-off", compose.Request{Name: "Ana", Signoff: " ", Values: map[string]string{"skill": "Go"}}, `sign-off " " has no letters`},
		{"no letters in sender", compose.Request{Name: "Ana", Sender: "--", Values: map[string]string{"skill": "Go"}}, `sender "--" has no letters: give your name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := compose.Render(tmpl, &tt.req)
			if err == nil {
				t.Fatalf("rendered %q, want an error", r.Body)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestVariantIsStableAndSpread(t *testing.T) {
	if a, b := compose.VariantFor("Scott Lee", 3), compose.VariantFor("  scott   LEE ", 3); a != b {
		t.Errorf("same person, different wording: %d vs %d", a, b)
	}
	counts := map[int]int{}
	for _, name := range []string{"Ana", "Bo", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia", "Oz", "Pia"} {
		v := compose.VariantFor(name, 3)
		if v < 1 || v > 3 {
			t.Fatalf("VariantFor(%q, 3) = %d, out of range", name, v)
		}
		counts[v]++
	}
	if len(counts) != 3 {
		t.Errorf("16 names used only wordings %v of 3", counts)
	}
	if v := compose.VariantFor("anyone", 1); v != 1 {
		t.Errorf("one wording: got %d", v)
	}
}

func TestRenderChoosesVariantFromName(t *testing.T) {
	tmpl := parseOne(t, endorseYAML)
	for _, name := range []string{"Ana", "Bo", "Chen", "Dara"} {
		r, err := compose.Render(tmpl, &compose.Request{Name: name, Values: map[string]string{"skill": "Go"}})
		if err != nil {
			t.Fatal(err)
		}
		if want := compose.VariantFor(name, 3); r.Variant != want {
			t.Errorf("%s: variant %d, want %d", name, r.Variant, want)
		}
	}
}

func TestRenderCapsOutput(t *testing.T) {
	tmpl := parseOne(t, `
templates:
  - id: long/output
    body: "`+strings.Repeat("{{.Name}}", 100)+`"
`)
	// A template that would write 100 KB stops at the cap, with nothing
	// to show for it.
	r, err := compose.Render(tmpl, &compose.Request{Name: strings.Repeat("x", 1000)})
	if !errors.Is(err, compose.ErrOutputTooLong) || r != nil {
		t.Fatalf("reply %v, err = %v, want ErrOutputTooLong", r != nil, err)
	}
}

func TestFirstName(t *testing.T) {
	for in, want := range map[string]string{
		"Scott Lee": "Scott", "  Zoë  Ångström": "Zoë", "Madonna": "Madonna", "": "",
		"Dr. Jane Smith": "Jane", "Mr Scott Lee": "Scott", "Prof. Dr. Hans-Peter Weber": "Hans-Peter",
		"Lee, Scott": "Scott", "Lee,Scott": "Scott", "Scott Lee, PhD": "Scott", "Scott Lee, Jr.": "Scott",
		"Ana María Ruiz, M.B.A.": "Ana María", "Dr.": "Dr", "D'Arcy O'Brien": "D'Arcy", "Scott.": "Scott",
		"Ms. Priya Natarajan": "Priya", "Sir": "Sir", ", Scott": "Scott", "Lee,": "Lee",
	} {
		if got := compose.FirstName(in); got != want {
			t.Errorf("FirstName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRenderChecksItsOutput: loading refuses control characters in a
// template's text and strings, but a template can still cut a name in
// the middle of a character; the output check refuses what results.
func TestRenderChecksItsOutput(t *testing.T) {
	ts := catalog.FromSpecs([]catalog.Spec{{ID: "cut/x", Variants: []string{`Hi {{slice .Name 0 3}}`}, VariantLines: []int{1}}}, "test")
	r, err := compose.Render(ts[0], &compose.Request{Name: "Zoë"})
	if err == nil {
		t.Fatalf("rendered %q, want an error", r.Body)
	}
	if !strings.Contains(err.Error(), "template cut/x: its output is not valid UTF-8") {
		t.Errorf("error = %v", err)
	}
	if r, err := compose.Render(ts[0], &compose.Request{Name: "Zoe"}); err != nil || r.Body != "Hi Zoe\n" {
		t.Errorf("ASCII name: %v, %v", r, err)
	}
}

// TestVariantForMatchesWordHash pins the wording choice to its definition:
// FNV-1a over the lower-cased words, each followed by a space. Changing it
// would change every existing user's wording.
func TestVariantForMatchesWordHash(t *testing.T) {
	reference := func(name string, n int) int {
		h := fnv.New32a()
		for _, f := range strings.Fields(strings.ToLower(name)) {
			h.Write([]byte(f))
			h.Write([]byte{' '})
		}
		return int(h.Sum32()%uint32(n)) + 1
	}
	for _, name := range []string{"Scott Lee", "  scott\tLEE ", "Zoë ÅNGSTRÖM", "李伟", "ΣΊΣΥΦΟΣ", "a\u00a0b", "İstanbul Kılıç", "", " ", "Dr. Ana-María O'Brien"} {
		for _, n := range []int{2, 3, 7} {
			if got, want := compose.VariantFor(name, n), reference(name, n); got != want {
				t.Errorf("VariantFor(%q, %d) = %d, want %d", name, n, got, want)
			}
		}
	}
}

func TestRenderValueFunctionsAndAddressee(t *testing.T) {
	tmpl := parseOne(t, `
kind: introduction
templates:
  - relationship: social
    tone: formal
    requires: [contact, role]
    variants:
      - "Dear {{.Addressee}},\n\nYou asked me to introduce you to {{.contact}} for {{a .role}} post. {{first .contact}} is busy.\n\n{{.Signoff}},\n{{.Sender}}\n"
`)
	for _, c := range []struct{ name, first, contact, role, want string }{
		{"Dr. Jane Smith", "", "Maria Lopez", "Engineering Manager", "Dear Dr. Smith,\n\nYou asked me to introduce you to Maria Lopez for an Engineering Manager post. Maria is busy.\n\nKind regards,\nPat\n"},
		{"JANE SMITH", "", "our CTO, Ann Lee", "UX designer", "Dear Jane,\n\nYou asked me to introduce you to our CTO, Ann Lee for a UX designer post. Ann is busy.\n\nKind regards,\nPat\n"},
		{"Prof. Dr. Hans Weber", "", "Li Wei", "MBA intern", "Dear Prof. Weber,\n\nYou asked me to introduce you to Li Wei for an MBA intern post. Li is busy.\n\nKind regards,\nPat\n"},
		{"Jane Smith", "Janey", "the hiring manager", "the", "Dear Janey,\n\nYou asked me to introduce you to the hiring manager for the post. the hiring manager is busy.\n\nKind regards,\nPat\n"},
		// A description is said again shorter, not pasted twice.
		{"Jane Smith", "", "a recruiter I know at Globex", "Senior Accountant", "Dear Jane,\n\nYou asked me to introduce you to a recruiter I know at Globex for a Senior Accountant post. the recruiter I know is busy.\n\nKind regards,\nPat\n"},
		// A first name given is what the user wants them called, formally too.
		{"Prof. Dr. Hans Weber", "Hansi", "Li Wei", "MBA intern", "Dear Hansi,\n\nYou asked me to introduce you to Li Wei for an MBA intern post. Li is busy.\n\nKind regards,\nPat\n"},
	} {
		r, err := compose.Render(tmpl, &compose.Request{Name: c.name, FirstName: c.first, Sender: "Pat", Signoff: "Kind regards",
			Values: map[string]string{"contact": c.contact, "role": c.role}, Variant: 1})
		if err != nil {
			t.Fatal(err)
		}
		if r.Body != c.want {
			t.Errorf("%s: body\n%q, want\n%q", c.name, r.Body, c.want)
		}
		sameAsRender(t, compose.NewRenderer(), tmpl, compose.Request{Name: c.name, FirstName: c.first, Sender: "Pat", Signoff: "Kind regards",
			Values: map[string]string{"contact": c.contact, "role": c.role}, Variant: 1})
	}
}

func TestSigning(t *testing.T) {
	const src = `
kind: endorsement
templates:
  - relationship: social
    tone: %s
    variants:
      - "Hi {{.FirstName}}, no.\n\n{{.Signoff}},\n{{.Sender}}\n({{.SenderFirst}} / {{.SenderFull}})"
`
	// full is {{.SenderFull}}: the name as its owner signs it, without
	// titles or the letters after it.
	for _, c := range []struct{ tone, sender, sign, want, full string }{
		{"brief", "Pat Morgan", "", "Pat", "Pat Morgan"},
		{"brief", "Pat Morgan", compose.SignFirst, "Pat", "Pat Morgan"},
		{"brief", "Pat Morgan", compose.SignFull, "Pat Morgan", "Pat Morgan"},
		{"brief", "Dr. Pat Morgan 🚀", "", "Pat", "Pat Morgan 🚀"},
		{"brief", "Dr. Pat Morgan", compose.SignFull, "Pat Morgan", "Pat Morgan"},
		{"brief", "", "", "", ""},
		{"warm", "Pat Morgan", "", "Pat Morgan", "Pat Morgan"},
		{"warm", "Dr. Miriam Katz", "", "Miriam Katz", "Miriam Katz"},
		{"warm", "Morgan, Pat", "", "Pat Morgan", "Pat Morgan"},
		{"formal", " Pat Morgan ", compose.SignFirst, "Pat Morgan", "Pat Morgan"},
		{"formal", "Capt. Luis Ortiz, PhD", "", "Luis Ortiz", "Luis Ortiz"},
	} {
		tmpl := parseOne(t, strings.Replace(src, "%s", c.tone, 1))
		req := compose.Request{Name: "Ana Ruiz", Sender: c.sender, Signoff: "Best", SignBrief: c.sign, Variant: 1}
		r, err := compose.Render(tmpl, &req)
		if err != nil {
			t.Fatal(err)
		}
		first := compose.FirstName(c.sender)
		want := "Hi Ana, no.\n\nBest,\n" + c.want + "\n(" + first + " / " + c.full + ")\n"
		if r.Body != want {
			t.Errorf("%s %q %q: body %q, want %q", c.tone, c.sender, c.sign, r.Body, want)
		}
		if got := compose.Signature(tmpl, &req); got != c.want {
			t.Errorf("Signature = %q, want %q", got, c.want)
		}
		sameAsRender(t, compose.NewRenderer(), tmpl, req)
	}
	tmpl := parseOne(t, strings.Replace(src, "%s", "brief", 1))
	_, err := compose.Render(tmpl, &compose.Request{Name: "Ana", SignBrief: "both"})
	if err == nil || err.Error() != `brief signature "both" is neither first nor full` {
		t.Errorf("bad SignBrief: %v", err)
	}
}

func TestNote(t *testing.T) {
	const src = `
kind: endorsement
templates:
  - relationship: social
    tone: warm
    variants:
      - "Hi {{.FirstName}},\n\nNo, thank you.\nGood luck.\n\n{{.Signoff}},\n{{.Sender}}\n"
      - "Hi {{.FirstName}},\n\nNo, thank you.\nGood luck.\n{{.Signoff}},\n{{.Sender}}\n"
      - "Hi {{.FirstName}},\n{{if .Note}}\n{{.Note}} {{end}}No, thank you.\n\n{{.Signoff}},\n{{.Sender}}\n"
      - "Hi {{.FirstName}}, no."
`
	tmpl := parseOne(t, src)
	for _, c := range []struct {
		variant      int
		note, sender string
		want         string
	}{
		{1, "we must get coffee soon", "Jo", "Hi Ana,\n\nNo, thank you.\nGood luck.\n\nWe must get coffee soon.\n\nBest,\nJo\n"},
		{1, "  Say hi to Sam!  ", "", "Hi Ana,\n\nNo, thank you.\nGood luck.\n\nSay hi to Sam!\n\nBest,\n"},
		{1, `He said "yes."`, "Jo", "Hi Ana,\n\nNo, thank you.\nGood luck.\n\nHe said \"yes.\"\n\nBest,\nJo\n"},
		{2, "Coffee soon?", "Jo", "Hi Ana,\n\nNo, thank you.\nGood luck.\n\nCoffee soon?\n\nBest,\nJo\n"},
		{3, "Coffee soon", "Jo", "Hi Ana,\n\nCoffee soon. No, thank you.\n\nBest,\nJo\n"},
		{3, "", "Jo", "Hi Ana,\nNo, thank you.\n\nBest,\nJo\n"},
		{4, "Coffee soon", "Jo", "Hi Ana, no.\n\nCoffee soon.\n"},
		{1, " ", "Jo", "Hi Ana,\n\nNo, thank you.\nGood luck.\n\nBest,\nJo\n"},
	} {
		req := compose.Request{Name: "Ana Ruiz", Sender: c.sender, Signoff: "Best", Note: c.note, Variant: c.variant}
		r, err := compose.Render(tmpl, &req)
		if err != nil {
			t.Fatal(err)
		}
		if r.Body != c.want {
			t.Errorf("variant %d, note %q: body\n%q, want\n%q", c.variant, c.note, r.Body, c.want)
		}
		sameAsRender(t, compose.NewRenderer(), tmpl, req)
	}
	for note, want := range map[string]string{
		"one\ntwo":               `note "one\ntwo" contains a line break (U+000A); a personal line is one sentence on one line`,
		"a\x1b[2J":               `note "a\x1b[2J" contains an escape character (U+001B); a personal line is one sentence on one line`,
		strings.Repeat("é", 301): "note is 301 characters; a personal line is one sentence of at most 300",
	} {
		_, err := compose.Render(tmpl, &compose.Request{Name: "Ana", Note: note, Variant: 1})
		if err == nil || err.Error() != want {
			t.Errorf("note %q: %v, want %s", note, err, want)
		}
	}
	if _, err := compose.Render(tmpl, &compose.Request{Name: "Ana", Note: strings.Repeat("é", 300), Variant: 1}); err != nil {
		t.Errorf("a note of 300 characters: %v", err)
	}
}

// TestNamesInAnyScriptHaveLetters: the check for letters counts letters
// of every script, with marks and punctuation around them.
func TestNamesInAnyScriptHaveLetters(t *testing.T) {
	tmpl := parseOne(t, endorseYAML)
	for _, name := range []string{"李伟", "محمد", "O'Brien", "J. R.", "Zoë", "नमिता", "3M Team"} {
		if _, err := compose.Render(tmpl, &compose.Request{Name: name, Signoff: "— Ana", Values: map[string]string{"skill": "Go"}}); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}

// A value that ends in its own full stop is not followed by the
// template's: "Globex, Inc." then "." is "Globex, Inc.", in the body and
// the subject, by Render and the fast renderer alike.
func TestValueEndingInFullStop(t *testing.T) {
	tmpl := parseOne(t, `
kind: endorsement
templates:
  - relationship: social
    tone: warm
    subject: Your {{.skill}} at {{.company}}.
    requires: [skill, company]
    variants:
      - "Hi {{.FirstName}}, {{.skill}} at {{.company}}. Thanks, {{.skill}}.\n\n{{.Signoff}},\n{{.Sender}}\n"
`)
	for _, c := range []struct{ company, skill, body, subject string }{
		{"Globex, Inc.", "Go", "Hi Ann, Go at Globex, Inc. Thanks, Go.", "Your Go at Globex, Inc."},
		{"Acme", "Go", "Hi Ann, Go at Acme. Thanks, Go.", "Your Go at Acme."},
		{"Acme", "etc...", "Hi Ann, etc... at Acme. Thanks, etc...", "Your etc... at Acme."},
		{"Acme", ".", "Hi Ann, . at Acme. Thanks, ..", "Your . at Acme."},
	} {
		req := compose.Request{Name: "Ann Lee", Sender: "Pat", Signoff: "Best", Variant: 1,
			Values: map[string]string{"skill": c.skill, "company": c.company}}
		r, err := compose.Render(tmpl, &req)
		if err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(r.Body, "\n"); first != c.body || r.Subject != c.subject {
			t.Errorf("%q: got %q / %q, want %q / %q", c.company, first, r.Subject, c.body, c.subject)
		}
		sameAsRender(t, compose.NewRenderer(), tmpl, req)
	}
}
