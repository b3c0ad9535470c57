package dialog

import (
	"errors"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/templates"
)

// builtin is the built-in catalog.
func builtin(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// newDraft is a draft of g's choices over the built-in catalog, with p
// to ask on (nil: nothing can be asked).
func newDraft(t *testing.T, g reply.Given, name string, p prompt.Prompter) *Draft {
	t.Helper()
	cat := builtin(t)
	d, err := reply.Layer(&config.Config{}, g)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SetLang(cat); err != nil {
		t.Fatal(err)
	}
	named, err := d.Named(cat, true)
	if err != nil {
		t.Fatal(err)
	}
	return &Draft{Catalog: cat, Defaults: d, Named: named, CanPrompt: p != nil,
		One: &reply.One{Name: name, Values: d.Values},
		Ask: &Asker{Catalog: cat, Prompter: func() prompt.Prompter { return p }}}
}

// TestDraftChooseGiven: with everything given nothing is asked, and the
// template is the one the kind, relationship and tone choose.
func TestDraftChooseGiven(t *testing.T) {
	d := newDraft(t, reply.Given{Kind: "recommendation", Relationship: "stranger", Tone: "warm"}, "Scott Lee", nil)
	tpl, req, err := d.Choose()
	if err != nil {
		t.Fatal(err)
	}
	if tpl.ID != "recommendation/stranger/warm" || req == nil {
		t.Errorf("chose %s (request %v), want recommendation/stranger/warm", tpl.ID, req)
	}
}

// TestDraftChooseMissing: without a terminal, a missing relationship is
// a GivenError at StepMissing naming the field, for cli to name the
// flag; an unknown value is one at StepValues.
func TestDraftChooseMissing(t *testing.T) {
	_, _, err := newDraft(t, reply.Given{Kind: "recommendation"}, "Scott Lee", nil).Choose()
	var given *GivenError
	var missing *reply.MissingError
	if !errors.As(err, &given) || given.Step != StepMissing || !errors.As(err, &missing) || !missing.Needs(reply.FieldRelationship) {
		t.Fatalf("err %v (%T), want a GivenError at StepMissing needing the relationship", err, err)
	}
	_, _, err = newDraft(t, reply.Given{Kind: "endorsement", Relationship: "stranger", Values: map[string]string{"Skill": "Go"}}, "Scott Lee", nil).Choose()
	if !errors.As(err, &given) || given.Step != StepValues {
		t.Fatalf("err %v (%T), want a GivenError at StepValues for a value the template does not take", err, err)
	}
}

// TestDraftChooseAsks: on a terminal the relationship and the skill are
// asked for, and the answers make the request.
func TestDraftChooseAsks(t *testing.T) {
	p := &picks{t: t, next: []string{"We have never met"}, typed: []typed{{"Which skill", "Go"}}}
	tpl, req, err := newDraft(t, reply.Given{Kind: "endorsement", Tone: "warm"}, "Scott Lee", p).Choose()
	if err != nil {
		t.Fatal(err)
	}
	if tpl.ID != "endorsement/stranger/warm" || req.Values["skill"] != "Go" {
		t.Errorf("chose %s with values %v, want endorsement/stranger/warm with skill Go", tpl.ID, req.Values)
	}
	if len(p.next) > 0 || len(p.typed) > 0 {
		t.Errorf("not asked: %v %v", p.next, p.typed)
	}
}
