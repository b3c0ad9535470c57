package catalog

import (
	"go.yaml.in/yaml/v3"
)

// Synonyms are the other ways people write a kind, relationship or tone,
// in a spreadsheet's cells or on the command line ("LinkedIn
// recommendation", "job reference", "intro"), by id. A locale file's
// synonyms section lists them, so that each language adds its own. They
// are kept apart from the choices: they only widen what is understood.
type Synonyms struct {
	Kinds, Relationships, Tones map[string][]string
}

// localeSynonyms reads the synonyms section: for each of kinds,
// relationships and tones, a mapping of id to a list of phrases.
func (p *parser) localeSynonyms(v *yaml.Node, l *Locale) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "synonyms must be a mapping of kinds, relationships and tones, found %s", describe(v))
		return
	}
	p.fields(v, "synonyms", []string{"kinds", "relationships", "tones"}, func(key string, v *yaml.Node) {
		m := p.synonymMap(v, key)
		switch key {
		case "kinds":
			l.Synonyms.Kinds = m
		case "relationships":
			l.Synonyms.Relationships = m
		case "tones":
			l.Synonyms.Tones = m
		}
	})
}

func (p *parser) synonymMap(v *yaml.Node, what string) map[string][]string {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, "synonyms of %s must be a mapping of id to a list of phrases, found %s", what, describe(v))
		return nil
	}
	out := map[string][]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		id := p.word(v.Content[i], "id")
		if id == "" {
			continue
		}
		out[id] = p.strList(v.Content[i+1], "synonyms of "+id)
	}
	return out
}

// merge adds over's synonyms to s's.
func (s Synonyms) merge(over Synonyms) Synonyms {
	join := func(a, b map[string][]string) map[string][]string {
		if len(b) == 0 {
			return a
		}
		out := make(map[string][]string, len(a)+len(b))
		for k, v := range a {
			out[k] = v
		}
		for k, v := range b {
			out[k] = append(append([]string(nil), out[k]...), v...)
		}
		return out
	}
	return Synonyms{Kinds: join(s.Kinds, over.Kinds), Relationships: join(s.Relationships, over.Relationships), Tones: join(s.Tones, over.Tones)}
}
