// Package templates holds decline's default template catalog, laid out
// by language: LANG/*.yaml, one file per request kind, and
// LANG/locale.yaml, the language's labels, questions and defaults. The
// files are embedded as they are (for init, show and lint) and compiled
// into Go data (Defaults, Locales) for a fast start.
package templates

//go:generate go run gen.go

import (
	"embed"

	"github.com/decline-cli/decline/internal/catalog"
)

// FS holds the default catalog files, under one directory per language
// (en/recommendation.yaml, ...).
//
//go:embed */*.yaml
var FS embed.FS

// Layer is the default catalog, from the compiled data, as the first
// layer of a catalog. Its templates are the compiled ones, shared by
// every catalog of the process: each parses its text once, on first use.
func Layer() catalog.Layer {
	ts := make([]*catalog.Template, len(defaults))
	for i := range defaults {
		ts[i] = &defaults[i]
	}
	return catalog.Layer{Templates: ts, Locales: Locales, Checked: true}
}

// Specs returns the default templates' specs, as the strict loader
// reads them from the YAML files.
func Specs() []catalog.Spec {
	out := make([]catalog.Spec, len(defaults))
	for i := range defaults {
		out[i] = defaults[i].Spec
	}
	return out
}

// The built-in languages are languages in a user's template directory
// too, with or without a locale file there.
func init() {
	langs := make([]string, len(Locales))
	for i, l := range Locales {
		langs[i] = l.Lang
	}
	catalog.SetBuiltinLangs(langs)
	catalog.SetNameRules(&English.Names)
}

// English is the default English locale, for what is said before a
// catalog is loaded (such as the relationships listed in help).
var English = func() *catalog.Locale {
	for _, l := range Locales {
		if l.Lang == catalog.DefaultLang {
			return l
		}
	}
	panic("templates: no English locale; run go generate ./templates")
}()
