package dialog

import (
	"github.com/decline-cli/decline/internal/catalog"
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
