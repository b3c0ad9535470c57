package catalog

import (
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/names"
	"github.com/decline-cli/decline/internal/safetext"
	"go.yaml.in/yaml/v3"
)

// The names section of a locale file: the words a language's names and
// articles follow (see names.Rules), so that each language carries its
// own titles (Herr, Frau; M., Mme; Sr., Sra.).

var nameFields = []string{"titles", "degrees", "given-titles", "courtesy-titles", "job-titles", "suffixes", "doctorates", "doctor", "particles", "compound-given-names", "family-name", "articles", "again", "spoken-titles"}

var articleFields = []string{"a", "an", "vowels", "an-before", "a-before", "an-letters", "an-numbers", "determiners"}

// maxNameWord is the longest title or suffix names.Rules can match.
const maxNameWord = 16

func (p *parser) localeNames(v *yaml.Node, l *Locale) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "names must be a mapping, found %s", describe(v))
		return
	}
	r := &l.Names
	p.fields(v, "names", nameFields, func(key string, v *yaml.Node) {
		switch key {
		case "titles":
			r.Titles = p.nameWords(v, key)
		case "degrees":
			r.Degrees = p.nameWords(v, key)
		case "given-titles":
			r.GivenTitles = p.nameWords(v, key)
		case "courtesy-titles":
			r.Courtesy = p.nameWords(v, key)
		case "job-titles":
			r.JobTitles = p.nameWords(v, key)
		case "suffixes":
			r.Suffixes = p.nameWords(v, key)
		case "doctorates":
			r.Doctorates = p.nameWords(v, key)
		case "doctor":
			r.Doctor = p.text(v, key)
		case "particles":
			r.Particles = p.strList(v, key)
		case "compound-given-names":
			r.Compounds = p.compounds(v, key)
		case "family-name":
			if s, ok := p.str(v, key); ok {
				switch s {
				case "last":
				case "all":
					r.FamilyAll = true
				default:
					p.errorf(v.Line, "family-name must be last or all, found %s", safetext.Quote(s))
				}
			}
		case "articles":
			p.localeArticles(v, &r.Articles)
		case "again":
			p.localeAgain(v, &r.Again)
		case "spoken-titles":
			r.SpokenTitles = p.spokenTitles(v, key)
		}
	})
}

var againFields = []string{"definite", "qualifiers"}

func (p *parser) localeAgain(v *yaml.Node, a *names.Again) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "again must be a mapping, found %s", describe(v))
		return
	}
	p.fields(v, "again", againFields, func(key string, v *yaml.Node) {
		switch key {
		case "definite":
			a.Definite = p.text(v, key)
		case "qualifiers":
			a.Qualifiers = p.strList(v, key)
		}
	})
}

func (p *parser) localeArticles(v *yaml.Node, a *names.Articles) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "articles must be a mapping, found %s", describe(v))
		return
	}
	p.fields(v, "articles", articleFields, func(key string, v *yaml.Node) {
		switch key {
		case "a":
			a.A = p.text(v, key)
		case "an":
			a.An = p.text(v, key)
		case "vowels":
			a.Vowels = p.text(v, key)
		case "an-letters":
			a.AnLetters = p.text(v, key)
		case "an-before":
			a.AnBefore = p.strList(v, key)
		case "a-before":
			a.ABefore = p.strList(v, key)
		case "an-numbers":
			a.AnNumbers = p.strList(v, key)
		case "determiners":
			a.Determiners = p.strList(v, key)
		}
	})
}

// nameWords reads a list of titles or suffixes: lowercase ASCII letters
// without dots, as names.Rules matches them ("dr" matches "Dr." and "DR").
func (p *parser) nameWords(v *yaml.Node, field string) []string {
	words := p.strList(v, field)
	for i, w := range words {
		ok := w != "" && len(w) <= maxNameWord
		for _, c := range []byte(w) {
			ok = ok && 'a' <= c && c <= 'z'
		}
		if !ok {
			line := v.Line
			if i < len(v.Content) {
				line = v.Content[i].Line
			}
			p.errorf(line, "%s lists %s: write each as lowercase letters a to z, without dots, at most %d (\"dr\" matches \"Dr.\")", field, safetext.Quote(w), maxNameWord)
		}
	}
	return words
}

// spokenTitles reads the titles a formal greeting says in full: a
// mapping of a title ("dr", as titles lists it) to the words said
// instead of it and the surname ("Docteur").
func (p *parser) spokenTitles(v *yaml.Node, field string) map[string]string {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "%s must be a mapping of titles to what a greeting says (dr: Docteur), found %s", field, describe(v))
		return nil
	}
	out := make(map[string]string, len(v.Content)/2)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		title := p.nameWords(&yaml.Node{Kind: yaml.SequenceNode, Line: k.Line, Content: []*yaml.Node{k}}, field)
		said := p.text(val, field)
		if len(title) == 1 && said != "" {
			out[title[0]] = said
		}
	}
	return out
}

// compounds reads the compound given names: two words each, separated
// by one space ("ana maría"), kept in lower case.
func (p *parser) compounds(v *yaml.Node, field string) []string {
	words := p.strList(v, field)
	for i, w := range words {
		parts := strings.Fields(w)
		if len(parts) != 2 || strings.Join(parts, " ") != w || len(w) > 4*maxNameWord {
			line := v.Line
			if i < len(v.Content) {
				line = v.Content[i].Line
			}
			p.errorf(line, "%s lists %s: write each as two words with one space between them (\"ana maría\")", field, safetext.Quote(w))
			continue
		}
		words[i] = strings.ToLower(w)
	}
	return words
}

// mergeNames adds over's words to base's; articles set in over replace
// base's.
func mergeNames(base, over names.Rules) names.Rules {
	out := base
	if len(over.SpokenTitles) > 0 {
		out.SpokenTitles = make(map[string]string, len(base.SpokenTitles)+len(over.SpokenTitles))
		for _, m := range []map[string]string{base.SpokenTitles, over.SpokenTitles} {
			for k, v := range m {
				out.SpokenTitles[k] = v
			}
		}
	}
	out.Titles = slices.Concat(base.Titles, over.Titles)
	out.Degrees = slices.Concat(base.Degrees, over.Degrees)
	out.GivenTitles = slices.Concat(base.GivenTitles, over.GivenTitles)
	out.JobTitles = slices.Concat(base.JobTitles, over.JobTitles)
	out.Suffixes = slices.Concat(base.Suffixes, over.Suffixes)
	out.Doctorates = slices.Concat(base.Doctorates, over.Doctorates)
	if over.Doctor != "" {
		out.Doctor = over.Doctor
	}
	out.Particles = slices.Concat(base.Particles, over.Particles)
	out.Compounds = slices.Concat(base.Compounds, over.Compounds)
	if over.Articles.A != "" || over.Articles.An != "" {
		out.Articles = over.Articles
	}
	if over.Again.Definite != "" || len(over.Again.Qualifiers) > 0 {
		out.Again = over.Again
	}
	return out
}
