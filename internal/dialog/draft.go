package dialog

import (
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/reply"
)

// Draft chooses the template of one reply and fills in its request:
// from what was given, and when CanPrompt is set by asking on a
// terminal for the rest.
type Draft struct {
	Catalog  *catalog.Catalog
	Defaults *reply.Defaults
	One      *reply.One
	// Named is the template given by its id, or nil for the catalog to
	// choose one.
	Named *catalog.Template
	// CanPrompt: questions may be asked; ShownHere: the reply is shown
	// on that terminal too.
	CanPrompt, ShownHere bool
	Ask                  *Asker
}

// Step is where choosing found a mistake in what was given.
type Step int

const (
	// StepSelect: the kind, relationship and tone choose no template.
	StepSelect Step = iota
	// StepMissing: nothing can be asked, and what only the person can
	// give is missing (a *reply.MissingError).
	StepMissing
	// StepValues: a value, or the request it makes, is wrong.
	StepValues
)

// GivenError is a mistake in what was given, found at Step.
type GivenError struct {
	Step Step
	Err  error
}

func (e *GivenError) Error() string { return e.Err.Error() }
func (e *GivenError) Unwrap() error { return e.Err }

// Choose returns the template and the request of the reply. Its
// errors about what was given are *GivenError; any other, such as a
// cancelled question, is the prompter's.
func (d *Draft) Choose() (*catalog.Template, *compose.Request, error) {
	cat, def, one, t := d.Catalog, d.Defaults, d.One, d.Named
	// On a terminal the kind is asked unless it is given: with other
	// questions, and when the draft is shown there too (-n Scott -r busy
	// is not always a recommendation); a reply going down a pipe with
	// everything else given takes the default, as scripts expect. When
	// it is asked, a relationship only has to exist, and the kinds
	// offered are those that have it.
	kindAsked := d.CanPrompt && t == nil && !def.KindGiven() &&
		(strings.TrimSpace(one.Name) == "" || def.Relationship == "" || d.ShownHere)
	if t == nil {
		if err := def.CheckRelationship(cat, kindAsked); err != nil {
			return nil, nil, &GivenError{StepSelect, err}
		}
	}
	if !d.CanPrompt {
		if err := def.Missing(cat, one.Name, t); err != nil {
			return nil, nil, &GivenError{StepMissing, err}
		}
	} else if err := d.Ask.Selectors(def, one, t, kindAsked); err != nil {
		return nil, nil, err
	}
	t, err := def.Choose(cat, t, one)
	if err != nil {
		return nil, nil, &GivenError{StepSelect, err}
	}
	// A value the template does not take (skill=Go given as Skill=Go)
	// is refused before the value it meant is asked for.
	if err := reply.CheckValues(t, one.Values); err != nil {
		return nil, nil, &GivenError{StepValues, err}
	}
	if err := d.Ask.Values(t, one, d.CanPrompt); err != nil {
		if d.CanPrompt {
			return nil, nil, err
		}
		return nil, nil, &GivenError{StepValues, err}
	}
	req, err := def.Request(cat, t, one)
	if err != nil {
		return nil, nil, &GivenError{StepValues, err}
	}
	return t, req, nil
}
