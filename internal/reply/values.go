package reply

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

// What a value chooses: the selectors a person names by a word.
const (
	WhatKind         = "kind"
	WhatRelationship = "relationship"
	WhatTone         = "tone"
)

// Values understands kinds, relationships and tones as people write
// them, on the command line and in a spreadsheet's cells alike: case,
// spaces, hyphens, underscores and punctuation do not matter ("No
// Business" is no-business); a choice's menu label, with or without its
// part in brackets, and the locale's synonyms name it too ("We have never
// met", "LinkedIn recommendation"). It is built once per locale and only
// read after, so goroutines share it.
type Values struct {
	kinds, relationships, tones valueSet
}

type valueSet struct {
	choices []catalog.Choice
	syn     map[string][]string
	// other gives the words of the catalog's other languages, by id:
	// they come after the locale's own, so that a typo near words of
	// both ("frend": friend, German fremd) is taken for the locale's.
	// It is called with the index, as few runs need it.
	other func() map[string][]string

	// Made on the first value that is not an id as written: a draft
	// with -k/-r/-t ids, and most batch cells, never need them.
	once  sync.Once
	index map[string]string // key -> id
	forms []valueForm       // for suggestions
}

// valueForm is one way of naming a choice: its key (ValueKey), the id it
// names and the form as written ("friend").
type valueForm struct{ key, id, text string }

// NewValues indexes a locale's choices, labels and synonyms.
func NewValues(loc *catalog.Locale) *Values {
	v := &Values{}
	v.kinds = valueSet{choices: loc.Kinds, syn: loc.Synonyms.Kinds}
	v.relationships = valueSet{choices: loc.Relationships, syn: loc.Synonyms.Relationships}
	v.tones = valueSet{choices: loc.Tones, syn: loc.Synonyms.Tones}
	return v
}

// set returns the choices of what, or nil: a switch, not a map, since a
// batch asks three times a row.
func (v *Values) set(what string) *valueSet {
	switch what {
	case WhatKind:
		return &v.kinds
	case WhatRelationship:
		return &v.relationships
	case WhatTone:
		return &v.tones
	}
	return nil
}

// indexed returns the set with its index made.
func (set *valueSet) indexed() *valueSet {
	set.once.Do(func() {
		set.index = map[string]string{}
		add := func(form, id string) {
			k := ValueKey(form)
			if k == "" {
				return
			}
			if _, dup := set.index[k]; !dup {
				set.index[k] = id
				set.forms = append(set.forms, valueForm{k, id, form})
			}
		}
		// Ids first, so that an id always means itself.
		for _, c := range set.choices {
			add(c.ID, c.ID)
		}
		for _, c := range set.choices {
			add(c.Label, c.ID)
			if i := strings.Index(c.Label, " ("); i > 0 {
				add(c.Label[:i], c.ID)
			}
		}
		var other map[string][]string
		if set.other != nil {
			other = set.other()
		}
		for _, words := range []map[string][]string{set.syn, other} {
			for _, c := range set.choices {
				for _, syn := range words[c.ID] {
					add(syn, c.ID)
				}
			}
		}
	})
	return set
}

var (
	englishValues     *Values
	englishValuesOnce sync.Once
)

// EnglishValues is NewValues of the default English locale.
func EnglishValues() *Values {
	englishValuesOnce.Do(func() { englishValues = NewValues(templates.English) })
	return englishValues
}

var byLocale sync.Map // *catalog.Locale -> *Values

// NewValuesOf is NewValues of a catalog's locale (with a user's
// relationships), built once per locale.
func NewValuesOf(cat *catalog.Catalog) *Values {
	loc := cat.Locale(Lang)
	if v, ok := byLocale.Load(loc); ok {
		return v.(*Values)
	}
	v, _ := byLocale.LoadOrStore(loc, withOtherLanguages(NewValues(loc), cat))
	return v.(*Values)
}

// withOtherLanguages adds the words of the catalog's other languages for
// the same choices, whose ids every language shares: "référence" in a
// batch cell or after -k is reference, whatever the row's language.
// Words of English come first, so one that two languages use for
// different choices keeps its English meaning.
func withOtherLanguages(v *Values, cat *catalog.Catalog) *Values {
	words := func(of func(*catalog.Locale) ([]catalog.Choice, map[string][]string)) func() map[string][]string {
		return func() map[string][]string {
			var out map[string][]string
			for _, l := range cat.Languages() {
				if l != Lang {
					choices, more := of(cat.Locale(l))
					out = addWords(out, choices, more)
				}
			}
			return out
		}
	}
	v.kinds.other = words(func(o *catalog.Locale) ([]catalog.Choice, map[string][]string) { return o.Kinds, o.Synonyms.Kinds })
	v.relationships.other = words(func(o *catalog.Locale) ([]catalog.Choice, map[string][]string) {
		return o.Relationships, o.Synonyms.Relationships
	})
	v.tones.other = words(func(o *catalog.Locale) ([]catalog.Choice, map[string][]string) { return o.Tones, o.Synonyms.Tones })
	return v
}

// addWords returns syn with another language's labels and synonyms
// added, in a new map.
func addWords(syn map[string][]string, choices []catalog.Choice, more map[string][]string) map[string][]string {
	out := make(map[string][]string, len(syn))
	for id, ws := range syn {
		out[id] = slices.Clone(ws)
	}
	for _, c := range choices {
		out[c.ID] = append(append(out[c.ID], c.Label), more[c.ID]...)
	}
	return out
}

// ValueKey is the form values are compared in: lower case, without
// ASCII spaces and punctuation (or the typographic apostrophe). Any other
// character stays, so a control or format character never vanishes into
// a match.
func ValueKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80 && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') && r > ' ' || r == ' ' || r == '\u2019':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Resolve returns the id that value names among what's choices, or "" and
// a *ChoiceError (with a suggestion when one is close) for a value that
// names none. An empty value resolves to "".
func (v *Values) Resolve(what, value string) (string, error) {
	if value == "" {
		return "", nil
	}
	set := v.set(what)
	if set == nil {
		set = &valueSet{}
	}
	// The common case: the id as written.
	for _, c := range set.choices {
		if c.ID == value {
			return value, nil
		}
	}
	key := ValueKey(value)
	if id, ok := set.indexed().index[key]; ok {
		return id, nil
	}
	e := &ChoiceError{What: what, Value: value, Valid: catalog.IDs(set.choices)}
	if safetext.Check(value, false) == nil {
		if f := set.suggest(key); f != nil {
			e.Suggest = f.id
			if ValueKey(f.id) != f.key {
				e.SuggestForm = f.text
			}
		}
	}
	return "", e
}

// Is reports whether value names one of what's choices.
func (v *Values) Is(what, value string) bool {
	set := v.set(what)
	if set == nil {
		return false
	}
	_, ok := set.indexed().index[ValueKey(value)]
	return ok
}

// suggest returns the id whose forms are closest to key, when one is
// close enough to be a typo: at most one edit in four letters, and at
// most three.
func (s *valueSet) suggest(key string) *valueForm {
	if key == "" {
		return nil
	}
	var best *valueForm
	bestD := min(3, max(1, len([]rune(key))/4)) + 1
	for i, f := range s.forms {
		if d := editDistance(key, f.key, bestD); d < bestD {
			best, bestD = &s.forms[i], d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance of a and b (a
// swap of two letters is one edit), or limit when it is limit or more.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	back := make([]int, len(rb)+1) // row i-2
	prev := make([]int, len(rb)+1) // row i-1
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], back[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		back, prev, cur = prev, cur, back
	}
	return min(prev[len(rb)], limit)
}
