package reply

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/templates"
)

func defaults(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestLayer: a value given wins over the configuration's, which wins
// over the default; each is checked where it came from.
func TestLayer(t *testing.T) {
	cfg := &config.Config{Path: "/c.yaml", Kind: "endorsement", Tone: "formal", Sender: "Cfg", Signoff: "Cheers"}
	for _, tc := range []struct {
		name      string
		cfg       *config.Config
		given     Given
		kind      string
		tone      string
		sender    string
		signoff   string
		wantErr   any
		errString string
	}{
		{name: "defaults", cfg: &config.Config{}, kind: DefaultKind(), tone: DefaultTone()},
		{name: "config", cfg: cfg, kind: "endorsement", tone: "formal", sender: "Cfg", signoff: "Cheers"},
		{name: "given wins", cfg: cfg, given: Given{Kind: "reference", Tone: "brief", Sender: " Jo ", Signoff: "Best"},
			kind: "reference", tone: "brief", sender: "Jo", signoff: "Best"},
		{name: "unknown given", cfg: cfg, given: Given{Kind: "hug"}, wantErr: new(*ChoiceError),
			errString: `unknown kind "hug" (choose one of: recommendation, endorsement, reference, referral, introduction, testimonial)`},
		{name: "unknown configured", cfg: &config.Config{Path: "/c.yaml", Tone: "shouty"}, wantErr: new(*ChoiceError),
			errString: `config file /c.yaml: unknown tone "shouty" (choose one of: warm, formal, brief)`},
		{name: "unsafe sender", cfg: cfg, given: Given{Sender: "Jo\x1b[2J"}, wantErr: new(*TextError),
			errString: `from "Jo\x1b[2J" contains an escape character (U+001B)`},
		{name: "unsafe value", cfg: cfg, given: Given{Values: map[string]string{"skill": "a\u202eb"}}, wantErr: new(*TextError),
			errString: `value skill "a\u202eb" contains a text-direction control (U+202E)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Layer(tc.cfg, tc.given)
			if err == nil {
				// A kind or tone is checked against the catalog's locale.
				_, err = d.Named(defaults(t), false)
			}
			if tc.wantErr != nil {
				if err == nil || !errors.As(err, tc.wantErr) {
					t.Fatalf("error %v, want %T", err, tc.wantErr)
				}
				if got := err.Error(); got != tc.errString {
					t.Errorf("error %q, want %q", got, tc.errString)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := [4]string{d.Kind, d.Tone, d.Sender, d.Signoff}
			if want := [4]string{tc.kind, tc.tone, tc.sender, tc.signoff}; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestNamedTemplate: for one reply, a template excludes -k/-r/-t; for a
// batch it does not; an unknown id suggests the ids that contain it.
func TestNamedTemplate(t *testing.T) {
	cat := defaults(t)
	d, err := Layer(&config.Config{}, Given{Template: "recommendation/stranger/warm", Kind: "recommendation", Tone: "warm"})
	if err != nil {
		t.Fatal(err)
	}
	var clash *ClashError
	if _, err := d.Named(cat, true); !errors.As(err, &clash) || !reflect.DeepEqual(clash.Fields, []Field{FieldKind, FieldTone}) {
		t.Errorf("exclusive: %v, want a clash with kind and tone", err)
	}
	if tmpl, err := d.Named(cat, false); err != nil || tmpl.ID != "recommendation/stranger/warm" {
		t.Errorf("batch: %v, %v", tmpl, err)
	}
	d.Template = "stranger/war"
	var unknown *UnknownTemplateError
	if _, err := d.Named(cat, false); !errors.As(err, &unknown) || len(unknown.Like) == 0 {
		t.Errorf("unknown: %v, want suggestions", err)
	}
}

// TestMissing names what one reply lacks when nothing can be asked.
func TestMissing(t *testing.T) {
	cat := defaults(t)
	d, _ := Layer(&config.Config{}, Given{})
	var m *MissingError
	if err := d.Missing(cat, "  ", nil); !errors.As(err, &m) || !reflect.DeepEqual(m.Fields, []Field{FieldName, FieldRelationship}) || len(m.Relationships) == 0 {
		t.Errorf("got %v", err)
	}
	tmpl, _ := cat.Get("recommendation/stranger/warm")
	if err := d.Missing(cat, "Scott", tmpl); err != nil {
		t.Errorf("with a template: %v", err)
	}
}

// TestRequest: the default sign-off follows the template's tone, and a
// value the template does not take is refused.
func TestRequest(t *testing.T) {
	cat := defaults(t)
	d, _ := Layer(&config.Config{}, Given{})
	tmpl, _ := cat.Get("recommendation/stranger/formal")
	req, err := d.Request(cat, tmpl, &One{Name: "Scott"})
	loc := cat.Locale(tmpl.Lang)
	if err != nil || req.Signoff == "" || req.Signoff != loc.Signoff("formal") || req.Signoff == loc.Signoff("warm") {
		t.Errorf("request %+v, %v: want the formal sign-off", req, err)
	}
	var unused *UnusedValueError
	if _, err := d.Request(cat, tmpl, &One{Name: "Scott", Values: map[string]string{"skill": "Go"}}); !errors.As(err, &unused) {
		t.Errorf("got %v, want the unused value refused", err)
	}
}

// TestTemplateSignoff: a template's own sign-off comes before its
// tone's, and the one the user gives comes before both.
func TestTemplateSignoff(t *testing.T) {
	loc := defaults(t).Locale("en")
	tmpl := &catalog.Template{Spec: catalog.Spec{Tone: "formal", Signoff: "Warmly"}}
	if got := Signoff(loc, "", tmpl); got != "Warmly" {
		t.Errorf("template's own: got %q, want Warmly", got)
	}
	if got := Signoff(loc, " Cheers ", tmpl); got != "Cheers" {
		t.Errorf("given: got %q, want Cheers", got)
	}
	tmpl.Signoff = ""
	if got := Signoff(loc, "", tmpl); got != loc.Signoff("formal") || got == "" {
		t.Errorf("tone's: got %q, want %q", got, loc.Signoff("formal"))
	}
}

// TestRechoose: a review's change of relationship and tone chooses the
// catalog's template for them, of the same kind, with its sign-off, and
// the wording again from the name.
func TestRechoose(t *testing.T) {
	cat := defaults(t)
	d, _ := Layer(&config.Config{}, Given{})
	one := &One{Name: "Scott", Variant: 2}
	tmpl, req, err := d.Rechoose(cat, "reference", one, "busy", "formal")
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := tmpl.Key(); k.Kind != "reference" || k.Relationship != "busy" || k.Tone != "formal" {
		t.Errorf("chose %s, want reference/busy/formal", tmpl.ID)
	}
	if req.Signoff != Signoff(cat.Locale(tmpl.Lang), "", tmpl) || req.Variant != 0 || one.Relationship != "busy" {
		t.Errorf("request %+v, one %+v: want the formal sign-off, variant 0, relationship busy", req, one)
	}
}

// TestRechooseKeepsOtherTemplatesValues: a value the new template does
// not take (one a user's template asked for) is left out of its request,
// not refused, and kept for a later change.
func TestRechooseKeepsOtherTemplatesValues(t *testing.T) {
	cat := defaults(t)
	d, _ := Layer(&config.Config{}, Given{})
	one := &One{Name: "Scott", Values: map[string]string{"role": "Data Analyst", "team": "Platform"}}
	_, req, err := d.Rechoose(cat, "reference", one, "busy", "formal")
	if err != nil {
		t.Fatal(err)
	}
	if len(req.Values) != 1 || req.Values["role"] != "Data Analyst" || one.Values["team"] != "Platform" {
		t.Errorf("request values %v, one's %v: want the role only in the request, the team kept", req.Values, one.Values)
	}
}

// TestFirstName: what the reply and its questions call the requester.
func TestFirstName(t *testing.T) {
	for _, tc := range []struct{ name, given, want string }{
		{"Dr. Robert Smith", "", "Robert"},
		{"Dr. Robert Smith", " Bob ", "Bob"},
		{"Lee, Scott", "", "Scott"},
	} {
		if got := FirstName(tc.name, tc.given); got != tc.want {
			t.Errorf("FirstName(%q, %q) = %q, want %q", tc.name, tc.given, got, tc.want)
		}
	}
}

// TestRowsLayering: a row's cells win over the run's defaults; a row
// without a relationship reports it missing.
func TestRowsLayering(t *testing.T) {
	cat := defaults(t)
	d, _ := Layer(&config.Config{}, Given{Relationship: "stranger", Tone: "formal", Values: map[string]string{"skill": "Go"}})
	rows := Rows{Catalog: cat, Defaults: d}
	tmpl, err := rows.Validate(&Row{Name: "Scott", Kind: "Endorsement", Tone: "brief"})
	if err != nil || tmpl.ID != "endorsement/stranger/brief" {
		t.Errorf("got %v, %v", tmpl, err)
	}
	d2, _ := Layer(&config.Config{}, Given{})
	rows = Rows{Catalog: cat, Defaults: d2}
	var m *MissingError
	if _, err := rows.Validate(&Row{Name: "Scott"}); !errors.As(err, &m) || !m.Needs(FieldRelationship) {
		t.Errorf("got %v, want the relationship missing", err)
	}
}

// TestSetLang checks the order that chooses the language of replies: the
// run's, then the configuration's, then the environment's locale, then
// English; and that only a language given or configured is an error.
func TestSetLang(t *testing.T) {
	layer, err := catalog.ReadDir(filepath.Join("..", "catalog", "testdata", "tree"), false)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(templates.Layer(), layer)
	if err != nil {
		t.Fatal(err)
	}
	have := strings.Join(cat.Languages(), ", ")
	for _, c := range []struct {
		given, config, env string
		want, err          string
	}{
		{"", "", "", "en", ""},
		{"", "", "xx_XX.UTF-8", "xx", ""},
		{"", "", "nl_NL.UTF-8", "en", ""},
		{"", "xx", "en_US.UTF-8", "xx", ""},
		{"en-GB", "xx", "xx_XX", "en", ""},
		{"XX-yy", "", "", "xx", ""},
		{"nl", "", "", "", `no replies in language "nl" (languages: ` + have + `)`},
		{"", "nl", "", "", `config file c.yaml: lang: no replies in language "nl" (languages: ` + have + `)`},
	} {
		d, err := Layer(&config.Config{Lang: c.config, Path: "c.yaml"}, Given{Lang: c.given, EnvLang: c.env})
		if err != nil {
			t.Fatal(err)
		}
		err = d.SetLang(cat)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%+v: error %v, want %s", c, err, c.err)
			}
			continue
		}
		if err != nil || d.Lang != c.want {
			t.Errorf("%+v: lang %q, %v; want %q", c, d.Lang, err, c.want)
		}
	}
}
