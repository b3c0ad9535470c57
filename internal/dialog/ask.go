package dialog

import (
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
)

// Asker asks on a terminal for what a reply lacks: the name, the kind,
// the relationship and the template's values, with the choices the
// catalog has. Prompter is called when the first question is asked, so
// a reply that needs none opens no terminal.
type Asker struct {
	Catalog *catalog.Catalog
	// Prompter is called for each question.
	Prompter func() prompt.Prompter
	asked    bool            // a question has been asked
	skipped  map[string]bool // optional values the user skipped
}

// prompter is Prompter, noting that a question is being asked.
func (a *Asker) prompter() prompt.Prompter {
	a.asked = true
	return a.Prompter()
}

// Name asks for the requester's name.
func (a *Asker) Name() (string, error) {
	return a.prompter().Input(reply.NameQuestion, "", ValidName)
}

// Kind asks what the requester asked for, offering the kinds that have a
// reply for relationship (all, when it is empty).
func (a *Asker) Kind(first, relationship, suggested string) (string, error) {
	return Choice(a.prompter(), reply.KindQuestion(first), KindChoices(a.Catalog, relationship), suggested, a.synonyms().Kinds)
}

// Relationship asks how the user knows the requester.
func (a *Asker) Relationship(first, kind string) (string, error) {
	return Choice(a.prompter(), reply.RelationshipQuestion(first), RelationshipChoices(a.Catalog, kind), "", a.synonyms().Relationships)
}

// Value asks for one of t's values, in the words of its language.
func (a *Asker) Value(t *catalog.Template, name, first, suggested string) (string, error) {
	return a.prompter().Input(reply.ValueQuestion(a.Catalog.Locale(t.Lang), t, name, first), suggested, ValidValue)
}

// OptionalValue asks for one of t's optional values; an empty answer
// skips it.
func (a *Asker) OptionalValue(t *catalog.Template, name, first string) (string, error) {
	q := reply.ValueQuestion(a.Catalog.Locale(t.Lang), t, name, first) + " " + reply.SkipHint
	answer, err := a.prompter().Input(q, "", ValidOptionalValue)
	return strings.TrimSpace(answer), err
}

// Selectors asks for what the flags left out of one reply: the name, the
// kind when kindAsked, and the relationship, unless the template t is
// chosen already. The questions call the requester what the reply will.
func (a *Asker) Selectors(d *reply.Defaults, one *reply.One, t *catalog.Template, kindAsked bool) error {
	if one.Name != "" && !kindAsked && (t != nil || d.Relationship != "") {
		return nil
	}
	var err error
	if one.Name == "" {
		one.Name, err = a.Name()
	}
	if err == nil && t == nil && !d.KindGiven() {
		one.Kind, err = a.Kind(reply.FirstName(one.Name, one.FirstName), d.Relationship, d.Kind)
	}
	if err == nil && t == nil && d.Relationship == "" {
		one.Relationship, err = a.Relationship(reply.FirstName(one.Name, one.FirstName), reply.FirstNonEmpty(one.Kind, d.Kind))
	}
	return err
}

// Values fills in each value t requires that one lacks, asking for it
// when ask is set; otherwise the first one missing is a
// *compose.MissingError. When ask is set and a question has been asked
// already (this is a dialogue, not a draft given by flags), t's optional
// values not given are asked for too, each skipped by an empty answer;
// one skipped is not asked again, for this template or another.
func (a *Asker) Values(t *catalog.Template, one *reply.One, ask bool) error {
	if err := a.required(t, one, ask); err != nil {
		return err
	}
	if !ask || !a.asked {
		return nil
	}
	for _, v := range t.Optional {
		if _, given := one.Values[v]; given || a.skipped[v] {
			continue
		}
		answer, err := a.OptionalValue(t, v, reply.FirstName(one.Name, one.FirstName))
		if err != nil {
			return err
		}
		if answer == "" {
			if a.skipped == nil {
				a.skipped = map[string]bool{}
			}
			a.skipped[v] = true
			continue
		}
		if one.Values == nil {
			one.Values = map[string]string{}
		}
		one.Values[v] = answer
	}
	return nil
}

func (a *Asker) required(t *catalog.Template, one *reply.One, ask bool) error {
	for _, v := range t.Requires {
		if strings.TrimSpace(one.Values[v]) != "" {
			continue
		}
		if !ask {
			return &compose.MissingError{Template: t.ID, Names: []string{v}}
		}
		if one.Values == nil {
			one.Values = map[string]string{}
		}
		var err error
		if one.Values[v], err = a.Value(t, v, reply.FirstName(one.Name, one.FirstName), ""); err != nil {
			return err
		}
	}
	return nil
}

// synonyms are the other words for the catalog's choices, which the
// menus match as the flags do ("friend" is social).
func (a *Asker) synonyms() catalog.Synonyms {
	if a.Catalog == nil {
		return catalog.Synonyms{}
	}
	return a.Catalog.Locale(reply.Lang).Synonyms
}
