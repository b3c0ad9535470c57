// Package completion lists what a shell completes for decline's flags,
// from the loaded catalog: kinds, relationships, tones, template ids and
// the values a template takes, each with a description beside it for the
// shells that show one.
package completion

import (
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/reply"
)

// Kinds are the kinds the catalog has replies for.
func Kinds(cat *catalog.Catalog) []string {
	return described(cat.Locale(reply.Lang).Kinds, cat.KindsPresent(reply.Lang))
}

// Relationships are the relationships the catalog has replies for with
// a kind.
func Relationships(cat *catalog.Catalog, kind string) []string {
	return described(cat.Locale(reply.Lang).Relationships, cat.RelationshipsFor(reply.Lang, kind))
}

// Tones are the tones of the catalog's language, or the built-in ones
// when cat is nil (a catalog that did not load).
func Tones(cat *catalog.Catalog) []string {
	tones := reply.Tones()
	if cat != nil {
		tones = cat.Locale(reply.Lang).Tones
	}
	return described(tones, catalog.IDs(tones))
}

// Langs are the languages the catalog has replies in, each described by
// its name in that language.
func Langs(cat *catalog.Catalog) []string {
	if cat == nil {
		return []string{catalog.DefaultLang}
	}
	var out []string
	for _, l := range cat.Languages() {
		if name := cat.Locale(l).Name; name != "" {
			l += "\t" + name
		}
		out = append(out, l)
	}
	return out
}

// TemplateIDs lists a catalog's ids, each described by its number of
// wordings and, for a user's template, its file.
func TemplateIDs(cat *catalog.Catalog) []string {
	if cat == nil {
		return nil
	}
	var out []string
	prev := ""
	for _, t := range cat.All() {
		// One id in several languages is completed once.
		if t.ID == prev {
			continue
		}
		prev = t.ID
		// Described as 'templates show ID' shows it: in English, when
		// English has the id.
		if en, ok := cat.Get(t.ID); ok {
			t = en
		}
		desc := plural.N(len(t.Variants), "wording", "wordings")
		if t.Source != catalog.DefaultSource {
			desc += ", from " + t.Source
		}
		out = append(out, t.ID+"\t"+desc)
	}
	return out
}

// Values are the values (as NAME=, for --set) of the template id, or
// when id is empty of every template of kind, each described as
// required or optional.
func Values(cat *catalog.Catalog, id, kind string) []string {
	var names []string
	seen := map[string]bool{}
	add := func(list []string, what string) {
		for _, n := range list {
			if !seen[n] {
				seen[n] = true
				names = append(names, n+"=\t"+what)
			}
		}
	}
	for _, t := range matching(cat, id, kind) {
		add(t.Requires, "required")
		add(t.Optional, "optional")
	}
	return names
}

// matching are the templates the flags given so far point at: the
// template id, or every template of the kind.
func matching(cat *catalog.Catalog, id, kind string) []*catalog.Template {
	if id != "" {
		if t, ok := cat.Get(id); ok {
			return []*catalog.Template{t}
		}
		return nil
	}
	var out []*catalog.Template
	for _, t := range cat.All() {
		if t.Kind == kind {
			out = append(out, t)
		}
	}
	return out
}

// Prefixed keeps the candidates that begin with what has been typed.
func Prefixed(candidates []string, typed string) []string {
	var out []string
	for _, c := range candidates {
		if strings.HasPrefix(c, typed) {
			out = append(out, c)
		}
	}
	return out
}

// described pairs each id with its label.
func described(choices []catalog.Choice, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if c, ok := catalog.Lookup(choices, id); ok {
			out = append(out, id+"\t"+strings.TrimSpace(c.Label))
		}
	}
	return out
}

// Formats are the formats named, each described by its help.
func Formats(names []string) []string {
	out := make([]string, len(names))
	for i, name := range names {
		f, _ := deliver.Lookup(name)
		out[i] = name + "\t" + f.Help
	}
	return out
}

// Setting is what a setting of config.yaml takes, for the settings
// whose values are known (kind, tone, lang, format, clipboard,
// sign_brief), and false for the others, which take free text (a name,
// an address, a command). A nil cat (a catalog that did not load) gives
// the built-in kinds, tones and language.
func Setting(cat *catalog.Catalog, key string) ([]string, bool) {
	switch key {
	case "kind":
		// Every kind the setting takes, as the check of it does: one of
		// the user's locale without templates yet included.
		kinds := reply.Kinds()
		if cat != nil {
			kinds = cat.Locale(reply.Lang).Kinds
		}
		return described(kinds, catalog.IDs(kinds)), true
	case "tone":
		return Tones(cat), true
	case "lang":
		return Langs(cat), true
	case "format":
		// Those a single reply can be written in: the setting is read for
		// one too.
		return Formats(deliver.Names(deliver.ForOne, deliver.DefaultOne)), true
	case "clipboard":
		return deliver.ClipboardModes, true
	case "sign_brief":
		return config.SignBriefs, true
	}
	return nil, false
}
