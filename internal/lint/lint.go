// Package lint checks reply templates beyond what loading them checks.
//
// Loading (package catalog) already refuses what cannot work: bad YAML,
// unknown fields, unknown kinds, templates that do not parse, values used
// without being declared. Lint reports those too, then renders every
// wording of every template for a few sample requesters and reports what a
// reader of the reply would notice: leftover placeholders, doubled spaces,
// a missing greeting or sign-off, a closing paragraph that says the
// sign-off again ("Wishing you all the best." above "All the best,"), a
// brief reply too long for a LinkedIn note, a formal reply with
// contractions or exclamation marks, a word said three times, a third
// party named in full twice, a role without its article, a long warm
// reply to a stranger, two wordings that open alike; and, across the
// catalog, stock phrases many wordings share (see hear.go). Every problem is a catalog.Error,
// printed as FILE:LINE: problem.
package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

// Layer is a set of templates read together (the embedded defaults, one
// directory or one file), with the problems found reading it. Within a
// layer every id must be unique; a later layer replaces earlier templates
// with the same id, as it does when the catalog is loaded.
type Layer struct {
	catalog.Layer
	Problems catalog.ErrorList
}

// Report is the outcome of a lint run.
type Report struct {
	// Templates is how many templates were checked: the templates of the
	// merged layers, each id once.
	Templates int
	// Problems are sorted by file and line.
	Problems catalog.ErrorList
}

// ReadFS reads a layer from a template tree in fsys, as catalog.ReadFS
// does.
func ReadFS(fsys fs.FS, prefix, source string) Layer {
	l, err := catalog.ReadFS(fsys, prefix, source)
	return Layer{Layer: l, Problems: toList(err, prefix)}
}

// ReadPath reads a layer from a template file or a directory of them. A
// path that does not exist, or a directory without template files, is a
// problem unless optional is true.
func ReadPath(path string, optional bool) Layer {
	if err := safetext.CheckPath("template path", path); err != nil {
		return Layer{Problems: catalog.ErrorList{{Msg: err.Error()}}}
	}
	info, err := os.Stat(path)
	switch {
	case err != nil && optional && errors.Is(err, fs.ErrNotExist):
		return Layer{}
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return Layer{Problems: catalog.ErrorList{{File: path, Msg: "cannot read: " + err.Error()}}}
	case !info.IsDir():
		return readFile(path)
	}
	cl, err := catalog.ReadDir(path, optional)
	l := Layer{Layer: cl, Problems: toList(err, path)}
	if len(l.Templates) == 0 && len(l.Problems) == 0 && !optional {
		l.Problems = catalog.ErrorList{{File: path, Msg: "no template files here (decline reads *.yaml and *.yml)"}}
	}
	return l
}

// readFile reads one file of a template directory as the directory is
// read: a locale file as a locale, and a template file in its folder's
// language, with that language's locale from the same directory, so that
// what the directory's locale adds is known.
func readFile(path string) Layer {
	lang, locale := catalog.FileLang(path)
	var l Layer
	if catalog.IsLocaleFile(filepath.Base(path)) {
		locale = path
	} else {
		ts, err := catalog.ReadFile(path)
		for _, t := range ts {
			t.Lang = lang
		}
		l = Layer{Layer: catalog.Layer{Templates: ts}, Problems: toList(err, path)}
	}
	if locale != "" {
		loc, err := catalog.ReadLocaleFile(locale, lang)
		if loc != nil {
			l.Locales = []*catalog.Locale{loc}
		}
		l.Problems = append(toList(err, locale), l.Problems...)
	}
	return l
}

// toList turns a loading error into problems; an error that is not already
// a list is a problem with file as a whole.
func toList(err error, file string) catalog.ErrorList {
	if err == nil {
		return nil
	}
	var list catalog.ErrorList
	if errors.As(err, &list) {
		return list
	}
	return catalog.ErrorList{{File: file, Msg: err.Error()}}
}

// Check merges the layers, after the default locales, as the catalog does and lints every template
// of the result, adding the problems found loading each layer and every
// id that a layer holds twice.
func Check(layers ...Layer) *Report {
	var problems catalog.ErrorList
	// By language and id: a German template does not replace the English
	// one of the same id.
	type langID struct{ lang, id string }
	merged := map[langID]*catalog.Template{}
	// The default locales come first, so that a file linted on its own
	// reads as it would in the catalog.
	all := []catalog.Layer{{Locales: templates.Locales}}
	for _, l := range layers {
		all = append(all, l.Layer)
	}
	if _, err := catalog.New(all...); err != nil {
		problems = append(problems, toList(err, "")...)
	}
	locales := catalog.MergeLocales(all...)
	for _, l := range layers {
		problems = append(problems, l.Problems...)
		for _, loc := range l.Locales {
			problems = append(problems, localeSubjects(loc)...)
		}
		seen := map[langID]bool{}
		for _, t := range l.Templates {
			if k := (langID{t.Lang, t.ID}); !seen[k] {
				seen[k] = true
				merged[k] = t
			}
		}
	}
	ids := make([]langID, 0, len(merged))
	for id := range merged {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if ids[i].id != ids[j].id {
			return ids[i].id < ids[j].id
		}
		return ids[i].lang < ids[j].lang
	})
	byLang := map[string][]*catalog.Template{}
	for _, id := range ids {
		t := merged[id]
		loc := locales[t.Lang]
		if loc == nil {
			continue // catalog.New reported it
		}
		problems = append(problems, Template(t, loc)...)
		byLang[t.Lang] = append(byLang[t.Lang], t)
	}
	// Stock phrases are a language's own: each language's wordings are
	// read side by side, with the built-in ones the layers do not
	// replace, as the catalog holds them: a file of a few templates is
	// heard among all the others, not on its own (where any two wordings
	// of one template would share a phrase), and only what concerns its
	// own wordings is reported.
	mine := func(t *catalog.Template) bool { return true }
	if !slices.ContainsFunc(layers, builtinLayer) {
		given := make(map[*catalog.Template]bool, len(merged))
		for _, t := range merged {
			given[t] = true
		}
		mine = func(t *catalog.Template) bool { return given[t] }
		builtin, _ := catalog.ReadFS(templates.FS, "templates", catalog.DefaultSource)
		for _, t := range builtin.Templates {
			if _, replaced := merged[langID{t.Lang, t.ID}]; !replaced && byLang[t.Lang] != nil {
				byLang[t.Lang] = append(byLang[t.Lang], t)
			}
		}
	}
	for _, ts := range byLang {
		problems = append(problems, stockPhrases(ts, mine)...)
		if loc := locales[ts[0].Lang]; loc != nil && loc.Openings {
			problems = append(problems, openingShapes(ts, mine)...)
		}
	}
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].File != problems[j].File {
			return problems[i].File < problems[j].File
		}
		return problems[i].Line < problems[j].Line
	})
	return &Report{Templates: len(merged), Problems: problems}
}

// builtinLayer reports whether a layer is the embedded default catalog.
func builtinLayer(l Layer) bool {
	return slices.ContainsFunc(l.Templates, func(t *catalog.Template) bool { return t.Source == catalog.DefaultSource })
}

// Summary is the one line that ends a successful run, such as
// "N templates, no problems".
func (r *Report) Summary() string {
	if len(r.Problems) == 0 {
		return fmt.Sprintf("%s, no problems", plural.N(r.Templates, "template", "templates"))
	}
	return fmt.Sprintf("%s in %s", plural.N(len(r.Problems), "problem", "problems"), plural.N(r.Templates, "template", "templates"))
}

// ReadCatalog reads the layers the catalog is loaded from: the built-in
// templates, then dirs, the first of which is the user's own directory,
// which may not exist yet.
func ReadCatalog(dirs []string) []Layer {
	layers := []Layer{ReadFS(templates.FS, "templates", catalog.DefaultSource)}
	for i, dir := range dirs {
		layers = append(layers, ReadPath(dir, i == 0))
	}
	return layers
}

// SkippedFolders says of each folder the layers did not read why it was
// not: a folder that is not read at all is easy to miss.
func SkippedFolders(layers []Layer) []string {
	var out []string
	for _, l := range layers {
		for _, dir := range l.Skipped {
			why := "its name is not a language code"
			if catalog.ValidLang(filepath.Base(dir)) {
				why = "it has no " + catalog.LocaleFile + " and " + filepath.Base(dir) + " is not a language decline knows"
			}
			out = append(out, fmt.Sprintf("skipped %s: %s, so its templates are not read", safetext.Escape(dir), why))
		}
	}
	return out
}
