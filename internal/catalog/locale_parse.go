package catalog

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/decline-cli/decline/internal/safetext"
	"go.yaml.in/yaml/v3"
)

// LocaleFile is the name of a language directory's locale file;
// locale.yml is read as one too (see IsLocaleFile).
const LocaleFile = "locale.yaml"

// IsLocaleFile reports whether a file name in a template directory names
// a locale file: locale.yaml, or locale.yml.
func IsLocaleFile(name string) bool { return name == LocaleFile || name == "locale.yml" }

var localeFields = []string{"name", "kinds", "relationships", "tones", "default-kind", "default-tone", "subject", "values", "other-question", "formal-address", "detect", "lint", "names", "synonyms", "requests"}

// ParseLocale decodes a locale file strictly, as Parse does a template
// file: unknown keys and wrong types are errors at FILE:LINE. It checks
// the file on its own; whether it is complete is checked when the
// catalog is built.
func ParseLocale(file, lang string, data []byte) (l *Locale, err error) {
	p := &parser{file: file}
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, ErrorList{{File: file, Msg: fmt.Sprintf("cannot read this file as YAML (%v)", r)}}
		}
	}()
	l = p.locale(data, lang)
	if err := p.result(); err != nil {
		return nil, err
	}
	return l, nil
}

func (p *parser) locale(data []byte, lang string) *Locale {
	root := p.document(data, "locale file", "a mapping of locale settings")
	if root == nil {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(root.Line, "expected a mapping of locale settings, found %s", describe(root))
		return nil
	}
	l := &Locale{Lang: lang, File: p.file}
	p.fields(root, "locale", localeFields, func(key string, v *yaml.Node) {
		switch key {
		case "kinds":
			l.Kinds = p.choices(v, key, "subject", func(id, s string) { l.Subjects = set(l.Subjects, id, s) })
		case "relationships":
			l.Relationships = p.choices(v, key, "", nil)
		case "tones":
			l.Tones = p.choices(v, key, "signoff", func(id, s string) { l.Signoffs = set(l.Signoffs, id, s) })
		case "default-kind":
			l.DefaultKind = p.word(v, key)
		case "default-tone":
			l.DefaultTone = p.word(v, key)
		case "subject":
			l.DefaultSubject = p.text(v, key)
		case "other-question":
			l.OtherQuestion = p.text(v, key)
		case "values":
			p.localeValues(v, l)
		case "lint":
			p.localeLint(v, l)
		case "names":
			p.localeNames(v, l)
		case "synonyms":
			p.localeSynonyms(v, l)
		case "requests":
			l.Requests = p.requests(v)
		case "name":
			l.Name = p.text(v, key)
		case "detect":
			l.Detect = lowerList(p.strList(v, key))
		case "formal-address":
			if s, ok := p.str(v, key); ok {
				switch s {
				case "first-name":
				case "full-name":
					l.FormalFullName = true
				default:
					p.errorf(v.Line, "formal-address must be first-name or full-name, found %s", safetext.Quote(s))
				}
			}
		}
	})
	return l
}

// choices reads a list of {id, label} entries, with one more optional
// field (extra) handed to fn.
func (p *parser) choices(v *yaml.Node, what, extra string, fn func(id, s string)) []Choice {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "%s must be a list, found %s", what, describe(v))
		return nil
	}
	known := []string{"id", "label"}
	if extra != "" {
		known = append(known, extra)
	}
	var out []Choice
	seen := map[string]int{}
	for _, n := range v.Content {
		if n.Kind != yaml.MappingNode {
			p.errorf(n.Line, "each of %s must be a mapping with id and label, found %s", what, describe(n))
			continue
		}
		var c Choice
		var more string
		before, moreBefore := len(p.errs), p.more
		p.fields(n, what+" entry", known, func(key string, v *yaml.Node) {
			switch key {
			case "id":
				c.ID = p.word(v, "id")
			case "label":
				c.Label = p.text(v, "label")
			default:
				more = p.text(v, key)
			}
		})
		switch {
		case p.failed(before, moreBefore):
			// Reported already: one problem an entry.
		case c.ID == "":
			p.errorf(n.Line, "an entry of %s has no id", what)
		case seen[c.ID] > 0:
			p.errorf(n.Line, "%s lists %s twice (also at line %d)", what, c.ID, seen[c.ID])
		default:
			seen[c.ID] = n.Line
			out = append(out, c)
			if more != "" {
				fn(c.ID, more)
			}
		}
	}
	return out
}

func (p *parser) localeValues(v *yaml.Node, l *Locale) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "values must be a mapping of value names, found %s", describe(v))
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, m := v.Content[i], v.Content[i+1]
		name := k.Value
		if k.Kind != yaml.ScalarNode || !validValueName(name) {
			p.errorf(k.Line, "invalid value name %s (use lowercase letters, digits and '_', starting with a letter)", safetext.Quote(name))
			continue
		}
		if m.Kind != yaml.MappingNode {
			p.errorf(m.Line, "value %s must be a mapping with question and sample, found %s", name, describe(m))
			continue
		}
		p.fields(m, "value "+name, []string{"question", "sample"}, func(key string, v *yaml.Node) {
			s := p.text(v, key)
			if key == "question" {
				l.Questions = set(l.Questions, name, s)
			} else {
				l.Samples = set(l.Samples, name, s)
			}
		})
	}
}

func (p *parser) localeLint(v *yaml.Node, l *Locale) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "lint must be a mapping, found %s", describe(v))
		return
	}
	p.fields(v, "lint", []string{"contractions", "informal", "greeting", "stop-words", "word-endings", "determiners", "people", "roles", "openings"}, func(key string, v *yaml.Node) {
		switch key {
		case "informal":
			l.Informal = lowerList(p.strList(v, key))
		case "stop-words":
			l.StopWords = p.strList(v, key)
		case "word-endings":
			l.WordEndings = lowerList(p.strList(v, key))
		case "determiners":
			l.Determiners = p.strList(v, key)
		case "people":
			l.PeopleValues = p.strList(v, key)
		case "roles":
			l.RoleValues = p.strList(v, key)
		case "contractions":
			s := p.text(v, key)
			if _, err := regexp.Compile(s); err != nil {
				p.errorf(v.Line, "contractions is not a valid regular expression: %v", err)
				return
			}
			l.Contractions = s
		case "greeting":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				p.errorf(v.Line, "greeting must be true or false, found %s", describe(v))
				return
			}
			l.Greeting = v.Value == "true"
		case "openings":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				p.errorf(v.Line, "openings must be true or false, found %s", describe(v))
				return
			}
			l.Openings = v.Value == "true"
		}
	})
}

// text reads a scalar that goes into a reply, a prompt or a message, and
// so must meet the outside-text policy.
func (p *parser) text(v *yaml.Node, field string) string {
	s, ok := p.str(v, field)
	if !ok {
		return ""
	}
	if pr := safetext.Check(s, false); pr != nil {
		p.errorf(v.Line, "%s %s", field, pr.Reason)
		return ""
	}
	return s
}

// word reads an id: lowercase letters, digits and '-'.
func (p *parser) word(v *yaml.Node, field string) string {
	s, ok := p.str(v, field)
	if !ok {
		return ""
	}
	if !ValidID(s) || len(s) > 40 || strings.Contains(s, "/") {
		p.errorf(v.Line, "invalid %s %s (use lowercase letters, digits and '-')", field, safetext.Quote(s))
		return ""
	}
	return s
}

func set(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[k] = v
	return m
}

// lowerList lower-cases a list of words in place.
func lowerList(words []string) []string {
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	return words
}

// requests keeps the requests section, the rules by which decline reply
// reads what a request asks for, as YAML text: package inbound decodes
// and checks it (inbound.LoadRules), the first time a request in the
// language is read. Here it must only be a mapping.
func (p *parser) requests(v *yaml.Node) string {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "requests must be a mapping, found %s", describe(v))
		return ""
	}
	data, err := yaml.Marshal(v)
	if err != nil {
		p.errorf(v.Line, "requests: %v", err)
		return ""
	}
	return string(data)
}
