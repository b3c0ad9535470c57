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
	Catalog  *catalog.Catalog
	Prompter func() prompt.Prompter
}

// Name asks for the requester's name.
func (a *Asker) Name() (string, error) {
	return a.Prompter().Input(reply.NameQuestion, "", ValidName)
}

// Kind asks what the requester asked for, offering the kinds that have a
// reply for relationship (all, when it is empty).
func (a *Asker) Kind(first, relationship, suggested string) (string, error) {
	return Choice(a.Prompter(), reply.KindQuestion(first), KindChoices(a.Catalog, relationship), suggested)
}

// Relationship asks how the user knows the requester.
func (a *Asker) Relationship(first, kind string) (string, error) {
	return Choice(a.Prompter(), reply.RelationshipQuestion(first), RelationshipChoices(a.Catalog, kind), "")
}

// Value asks for one of t's values, in the words of its language.
func (a *Asker) Value(t *catalog.Template, name, first, suggested string) (string, error) {
	return a.Prompter().Input(reply.ValueQuestion(a.Catalog.Locale(t.Lang), name, first), suggested, ValidValue)
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
// *compose.MissingError.
func (a *Asker) Values(t *catalog.Template, one *reply.One, ask bool) error {
	for _, v := range t.Requires {
		if strings.TrimSpace(one.Values[v]) != "" {
			continue
		}
		if !ask {
			return &compose.MissingError{Template: t.ID, Names: []string{v}}
		}
		var err error
		if one.Values[v], err = a.Value(t, v, reply.FirstName(one.Name, one.FirstName), ""); err != nil {
			return err
		}
	}
	return nil
}
