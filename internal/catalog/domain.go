// Package catalog loads, validates and looks up decline's reply templates.
//
// A catalog is built from YAML files: the default files embedded in the
// binary, then the user's own directories, where a template with the same id
// replaces the one loaded before it. Files are decoded strictly; every
// problem is reported with its file and line.
package catalog

// Choice is one allowed value of a selector (a kind, relationship or tone),
// with the label a person sees when asked to choose. A language's locale
// lists them (see Locale).
type Choice struct {
	ID    string
	Label string
}

// IDs returns the ids of choices, in order.
func IDs(choices []Choice) []string {
	ids := make([]string, len(choices))
	for i, c := range choices {
		ids[i] = c.ID
	}
	return ids
}

// Lookup returns the choice with the given id.
func Lookup(choices []Choice, id string) (Choice, bool) {
	for _, c := range choices {
		if c.ID == id {
			return c, true
		}
	}
	return Choice{}, false
}

// Builtins are the template fields every template may use; they are filled
// from the request and the configuration, never declared by a template.
// Addressee is what a formal greeting calls the requester: title and
// surname when the name carries a title ("Dr. Smith"), else the first
// name. Sender is how the reply is signed: the sender's first name for a
// brief note (unless the configuration asks for the full name), the full
// name for a letter; SenderFirst and SenderFull are the two forms. The
// sender's own titles and post-nominal letters are never signed ("Dr.
// Miriam Katz" signs Miriam Katz).
// Note is the user's personal line, empty when there is none; a template
// that does not place it gets it as a paragraph before the sign-off.
var Builtins = []string{"Name", "FirstName", "Addressee", "Sender", "SenderFirst", "SenderFull", "Signoff", "Note"}

// Filter selects templates by what they answer and their language; an
// empty field selects every template.
type Filter struct{ Kind, Relationship, Tone, Lang string }

// Match reports whether t is one the filter selects.
func (f Filter) Match(t *Template) bool {
	for _, c := range [][2]string{{f.Kind, t.Kind}, {f.Relationship, t.Relationship}, {f.Tone, t.Tone}, {f.Lang, t.Lang}} {
		if c[0] != "" && c[0] != c[1] {
			return false
		}
	}
	return true
}
