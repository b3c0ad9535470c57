package answer

import (
	"errors"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/templates"
)

func resolver(t *testing.T, g reply.Given) *Resolver {
	t.Helper()
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	d, err := reply.Layer(&config.Config{}, g)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := inbound.English()
	if err != nil {
		t.Fatal(err)
	}
	return &Resolver{Rules: rules, Catalog: cat, Defaults: d}
}

// fakeAsker answers every question with a fixed answer and records what
// was asked.
type fakeAsker struct {
	asked []string
	kind  string
}

func (f *fakeAsker) Name() (string, error) {
	f.asked = append(f.asked, "name")
	return "Sam Ortiz", nil
}
func (f *fakeAsker) Kind(first, _, suggested string) (string, error) {
	f.asked = append(f.asked, "kind:"+first+":"+suggested)
	return f.kind, nil
}
func (f *fakeAsker) Relationship(first, kind string) (string, error) {
	f.asked = append(f.asked, "relationship:"+first+":"+kind)
	return "no-business", nil
}
func (f *fakeAsker) Value(_ *catalog.Template, name, first, suggested string) (string, error) {
	f.asked = append(f.asked, "value:"+name+":"+first+":"+suggested)
	return "Analyst", nil
}

// Without an asker, each thing a message leaves open is its own typed
// error, for the caller to word as the flag that decides it.
func TestResolveTypedErrors(t *testing.T) {
	var noName *NoNameError
	var unsure *UnsureError
	var noRel *NoRelationshipError
	var given *GivenError
	for _, c := range []struct {
		file string
		g    reply.Given
		want any
	}{
		{"no-message-id.eml", reply.Given{Relationship: "no-business"}, &noName},
		{"ambiguous.eml", reply.Given{Relationship: "no-business"}, &unsure},
		{"gmail-alternative.eml", reply.Given{}, &noRel},
		{"ambiguous.eml", reply.Given{Relationship: "no-business", Kind: "reference"}, &given},
	} {
		r := resolver(t, c.g)
		_, err := r.Resolve(read(t, c.file).Message)
		if err == nil || !errors.As(err, c.want) {
			t.Errorf("%s: error %v (%T)", c.file, err, err)
		}
	}
	if noRel != nil && (noRel.First != "Scott" || len(noRel.Relationships) == 0) {
		t.Errorf("the relationship error names %q and %v", noRel.First, noRel.Relationships)
	}
	var missing *compose.MissingError
	if given != nil && (!errors.As(given, &missing) || missing.Names[0] != "role") {
		t.Errorf("a value nobody gave: %v", given)
	}
}

// With an asker, the same message is answered by asking, in order, with
// what the reply will call the requester and the best guess offered.
func TestResolveAsks(t *testing.T) {
	r := resolver(t, reply.Given{})
	ask := &fakeAsker{kind: "reference"}
	r.Ask = ask
	res, err := r.Resolve(read(t, "ambiguous.eml").Message)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(ask.asked, ", ")
	if got != "kind:Alex:reference, relationship:Alex:reference, value:role:Alex:" {
		t.Errorf("asked: %s", got)
	}
	if res.Template.Kind != "reference" || res.Template.Relationship != "no-business" || !strings.Contains(res.Message.Reply.Body, "Analyst") {
		t.Errorf("reply %s:\n%s", res.Template.ID, res.Message.Reply.Body)
	}
	if !strings.Contains(res.Message.To, "alex.kim@example.com") {
		t.Errorf("to %q", res.Message.To)
	}
}

func TestThirdParty(t *testing.T) {
	for text, want := range map[string]string{
		"Could you write a LinkedIn recommendation for my colleague Bob Jones?": "Bob Jones",
		"I am writing on behalf of my son Sam, who needs a reference.":          "Sam",
		"Could you write me a recommendation for my new job?":                   "",
		"a recommendation for my skills in Go":                                  "",
	} {
		got := thirdParty(text)
		if want == "" && got != nil || want != "" && (got == nil || got.Name != want) {
			t.Errorf("%q: got %+v, want %q", text, got, want)
		}
	}
}
