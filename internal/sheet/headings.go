package sheet

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/decline-cli/decline/internal/safetext"
)

// The fields a heading can name, besides a template's own values.
var Fields = []string{"name", "first_name", "last_name", "email", "kind", "relationship", "tone", "lang", "template", "variant", "note"}

// Field normalises a column heading or JSON key to the field it names:
// trimmed, lower case, with spaces and '-' as '_' ("First Name" is
// first_name), and the other headings spreadsheets and people use for
// the known fields ("E-mail Address", "Surname", "Request type", "How we
// know each other") mapped to ours.
func Field(s string) string {
	s = Key(s)
	if canonical, ok := aliases()[compact(s)]; ok {
		return canonical
	}
	return s
}

// Key is a heading as a key, without reading it as one of the known
// fields: trimmed, lower case, with spaces and '-' as '_'.
func Key(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// Reserved reports whether a template value of this name could never
// come from a spreadsheet, as its heading names a field of a request.
func Reserved(name string) bool {
	f := Field(name)
	return f != name || slices.Contains(Fields, f)
}

// IsErrorValue reports whether a cell is a spreadsheet's error value,
// as Excel and its exports write a formula that failed: "#REF!",
// "#VALUE!", "#N/A", "#DIV/0!". Said in a reply, it would read as text.
func IsErrorValue(cell string) bool {
	cell = strings.TrimSpace(cell)
	if len(cell) < 2 || cell[0] != '#' {
		return false // nearly every cell, without allocating
	}
	switch strings.ToUpper(cell) {
	case "#REF!", "#VALUE!", "#N/A", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
		"#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#ERROR!":
		return true
	}
	return false
}

// LooksLikeEmail reports whether a heading seems to name an email
// column that Field does not read as one: "Email 1", Google Contacts'
// "E-mail 1 - Value", "Email address (work)", "Correo", "Courriel".
func LooksLikeEmail(heading string) bool {
	c := compact(strings.ToLower(heading))
	return strings.Contains(c, "mail") || strings.Contains(c, "correo") || strings.Contains(c, "courriel")
}

// compact keeps only letters and digits, for matching an alias.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// aliases are other headings for the known fields, compacted; built on
// first use, so that start-up does not pay for them.
var aliases = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"name": "name", "fullname": "name", "contactname": "name",
		"vollständigername": "name", "nomcomplet": "name", "nombrecompleto": "name",
		"email": "email", "mail": "email", "emailaddress": "email", "emailaddresses": "email", "primaryemail": "email",
		"emailadresse": "email", "adresseemail": "email", "adressemail": "email", "courriel": "email",
		"correo": "email", "correoelectrónico": "email", "correoelectronico": "email",
		"firstname": "first_name", "givenname": "first_name", "forename": "first_name",
		"vorname": "first_name", "prénom": "first_name", "prenom": "first_name", "nombre": "first_name",
		"lastname": "last_name", "surname": "last_name", "familyname": "last_name",
		"nachname": "last_name", "familienname": "last_name", "nom": "last_name", "nomdefamille": "last_name",
		"apellidos": "last_name", "apellido": "last_name",
		"kind": "kind", "request": "kind", "requesttype": "kind", "type": "kind", "ask": "kind",
		"askedfor": "kind", "whattheyaskedfor": "kind",
		"anfrage": "kind", "demande": "kind", "solicitud": "kind",
		"relationship": "relationship", "relation": "relationship", "howweknoweachother": "relationship",
		"howdoweknoweachother": "relationship", "howiknowthem": "relationship",
		"beziehung": "relationship", "relación": "relationship", "relacion": "relationship",
		"tone": "tone",
		"lang": "lang", "language": "lang", "locale": "lang", "sprache": "lang", "langue": "lang", "idioma": "lang",
		"template": "template", "templateid": "template",
		"variant": "variant",
		"note":    "note", "personalnote": "note", "personalline": "note",
	}
})

// Delimiter reads a cell separator as a user names it: , ; tab or |, or
// their names, or another ASCII punctuation mark such as : or ^ (not a
// quote, which quotes a cell); ok is false for anything else. "" is 0:
// told from the heading row.
func Delimiter(s string) (r rune, ok bool) {
	if len(s) == 1 && IsSeparator(rune(s[0])) {
		return rune(s[0]), true
	}
	switch strings.ToLower(s) {
	case "":
		return 0, true
	case ",", "comma":
		return ',', true
	case ";", "semicolon":
		return ';', true
	case "tab", "\t", `\t`:
		return '\t', true
	case "|", "pipe":
		return '|', true
	}
	return 0, false
}

// MapError is a mapping of a field to a heading that is not one: not
// FIELD=HEADING, a field mapped twice (Twice), or a heading mapped to a
// second field (Also, the first), where one of them would get nothing.
type MapError struct {
	Arg   string
	Field string
	Twice bool
	Also  string
}

func (e *MapError) Error() string {
	if e.Twice {
		return "the field " + e.Field + " is mapped twice"
	}
	if e.Also != "" {
		return "the fields " + e.Also + " and " + e.Field + " are mapped to one heading"
	}
	return "not FIELD=HEADING: " + safetext.Quote(e.Arg)
}

// ParseMap reads FIELD=HEADING pairs into headings by field; nil for
// none. A bad pair is a *MapError.
func ParseMap(pairs []string) (map[string]string, error) {
	var m map[string]string
	for _, p := range pairs {
		field, heading, ok := strings.Cut(p, "=")
		field = Field(field)
		if !ok || field == "" || strings.TrimSpace(heading) == "" {
			return nil, &MapError{Arg: p}
		}
		if _, dup := m[field]; dup {
			return nil, &MapError{Arg: p, Field: field, Twice: true}
		}
		// Headings are matched as the reader matches them: case and
		// surrounding spaces aside.
		h := strings.ToLower(strings.TrimSpace(heading))
		for f, other := range m {
			if strings.ToLower(strings.TrimSpace(other)) == h {
				return nil, &MapError{Arg: p, Field: field, Also: f}
			}
		}
		if m == nil {
			m = map[string]string{}
		}
		m[field] = heading
	}
	return m, nil
}

// IsSeparator reports whether a character could separate the cells of
// a row: ASCII punctuation or a symbol, other than the quote and the
// marks names and addresses hold (' - . @ _ and brackets).
func IsSeparator(r rune) bool {
	return r < 0x80 && (unicode.IsPunct(r) || unicode.IsSymbol(r)) && !strings.ContainsRune(`"'-.@_()[]{}`, r)
}

// SeenSeparator returns the character that seems to separate the cells
// of a line read as one cell: the separator (see IsSeparator) it holds
// most that splits it into two cells or more, or a space when a word
// of it names the requester; 0 for none.
func SeenSeparator(line string) rune {
	counts := map[rune]int{}
	for _, r := range line {
		if IsSeparator(r) {
			counts[r]++
		}
	}
	best, n := rune(0), 0
	for r, c := range counts {
		if c < n || c == n && r > best {
			continue
		}
		parts := 0
		for _, p := range strings.Split(line, string(r)) {
			if strings.TrimSpace(p) != "" {
				parts++
			}
		}
		if parts >= 2 {
			best, n = r, c
		}
	}
	if best == 0 && strings.Contains(strings.TrimSpace(line), " ") && looksLikeHeadings(line, ' ') {
		// "name email relationship": spaces, which a name holds too.
		return ' '
	}
	return best
}
