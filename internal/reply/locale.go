package reply

import (
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/templates"
)

// This file is the one place that asks for the words of a language:
// choices and their labels, questions, and default sign-offs. When the
// catalog carries them by language, only this file changes.

// Lang is the language of the interface (questions, labels, help), and
// of replies when nothing names another (see Defaults.Lang).
const Lang = catalog.DefaultLang

// Kinds, Relationships and Tones are the known selector values, with the
// labels a person chooses from: the default English locale's
// (templates/en/locale.yaml), until a flag or row names a language.
func Kinds() []catalog.Choice         { return templates.English.Kinds }
func Relationships() []catalog.Choice { return templates.English.Relationships }
func Tones() []catalog.Choice         { return templates.English.Tones }

// DefaultKind and DefaultTone apply when nothing else names one.
func DefaultKind() string { return templates.English.DefaultKind }
func DefaultTone() string { return templates.English.DefaultTone }

// Label returns the label of a selector value, or the value itself when
// it has none (a user template's own value).
func Label(choices []catalog.Choice, id string) catalog.Choice {
	if c, ok := catalog.Lookup(choices, id); ok {
		return c
	}
	return catalog.Choice{ID: id, Label: id}
}

// NameQuestion asks for the requester's name.
const NameQuestion = "What is the requester's name?"

// KindQuestion asks what someone asked for; first is what the reply
// will call them.
func KindQuestion(first string) string { return "What did " + first + " ask you for?" }

// RelationshipQuestion asks how the sender knows someone.
func RelationshipQuestion(first string) string { return "How do you know " + first + "?" }

// SkipHint follows the question for an optional value.
const SkipHint = "(optional: Enter to skip)"

// ValueQuestion asks for a template's value: the question the
// template's own declaration gives, else its language's locale's (where a
// user's locale.yaml can add questions for values of their own templates).
func ValueQuestion(loc *catalog.Locale, t *catalog.Template, name, first string) string {
	if q, ok := t.Questions[name]; ok {
		return strings.ReplaceAll(q, "{first}", first)
	}
	return loc.Question(name, first)
}

// Signoff is the sign-off a reply uses: the one given, else the
// template's own (its signoff key), else the default of its tone in its
// language's locale, loc (where a user's locale.yaml can give its own).
func Signoff(loc *catalog.Locale, given string, t *catalog.Template) string {
	if s := FirstNonEmpty(given, t.Signoff); s != "" {
		return s
	}
	return loc.Signoff(t.Tone)
}

// FirstName is what a reply calls the requester (compose.FirstNameFor):
// questions asked before the reply is written use it, so that they and
// the greeting agree.
func FirstName(name, given string) string { return compose.FirstNameFor(name, given) }

// FirstNonEmpty returns the first value that is not empty or spaces,
// trimmed. A batch calls it for every value of every row, whose cells
// are trimmed already: those are returned without trimming again.
func FirstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v == "" {
			continue
		}
		if first, last := v[0], v[len(v)-1]; ' ' < first && first < 0x80 && ' ' < last && last < 0x80 {
			return v
		}
		if t := strings.TrimSpace(v); t != "" {
			return t
		}
	}
	return ""
}
