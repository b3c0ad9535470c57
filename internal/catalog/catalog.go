package catalog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/safetext"
)

// DefaultSource marks templates from the embedded default catalog.
const DefaultSource = "default"

// Catalog is a merged set of templates, looked up by id.
type Catalog struct {
	byID  map[string]*Template
	byKey map[key]*Template // templates whose id is KIND/RELATIONSHIP/TONE

	idsOnce sync.Once
	ids     []string // sorted
}

// key finds a template by its selectors without building its id: a
// batch looks one up for every row.
type key struct{ kind, relationship, tone string }

// Merge builds a catalog from layers of templates. Within one layer every
// id must be unique; a template in a later layer replaces the one with the
// same id from an earlier layer.
func Merge(layers ...[]*Template) (*Catalog, error) {
	n := 0
	for _, layer := range layers {
		n += len(layer)
	}
	c := &Catalog{byID: make(map[string]*Template, n)}
	var errs ErrorList
	for i, layer := range layers {
		// Ids are unique within a layer: the earlier layers' templates
		// are already in byID, so a clash with one placed by this layer
		// is a duplicate.
		var placed map[string]*Template
		if i > 0 {
			placed = make(map[string]*Template, len(layer))
		}
		for _, t := range layer {
			prev, dup := c.byID[t.ID]
			if dup && (i == 0 || placed[t.ID] != nil) {
				errs = append(errs, &Error{File: t.File, Line: t.Line,
					Msg: fmt.Sprintf("duplicate id %s (also at %s:%d)", t.ID, prev.File, prev.Line)})
				continue
			}
			if placed != nil {
				placed[t.ID] = t
			}
			c.byID[t.ID] = t
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	c.byKey = make(map[key]*Template, len(c.byID))
	for id, t := range c.byID {
		// Exactly the ids that a KIND/RELATIONSHIP/TONE string names.
		kind, rest, ok1 := strings.Cut(id, "/")
		rel, tone, ok2 := strings.Cut(rest, "/")
		if ok1 && ok2 && !strings.Contains(tone, "/") {
			c.byKey[key{kind, rel, tone}] = t
		}
	}
	return c, nil
}

// sortedIDs returns every id, sorted; the sort is done on first use,
// since drafting one reply never needs it.
func (c *Catalog) sortedIDs() []string {
	c.idsOnce.Do(func() {
		c.ids = make([]string, 0, len(c.byID))
		for id := range c.byID {
			c.ids = append(c.ids, id)
		}
		sort.Strings(c.ids)
	})
	return c.ids
}

// Get returns the template with the given id.
func (c *Catalog) Get(id string) (*Template, bool) {
	t, ok := c.byID[id]
	return t, ok
}

// All returns every template, sorted by id.
func (c *Catalog) All() []*Template {
	ids := c.sortedIDs()
	out := make([]*Template, len(ids))
	for i, id := range ids {
		out[i] = c.byID[id]
	}
	return out
}

// Len is the number of templates.
func (c *Catalog) Len() int { return len(c.byID) }

// NotFoundError says that no template exists for a kind and relationship
// (or tone), and which choices do exist.
type NotFoundError struct {
	Kind, Relationship, Tone string
	// Relationships and Tones that do exist for the kind (and relationship).
	Relationships, Tones []string
}

func (e *NotFoundError) Error() string {
	if len(e.Relationships) == 0 {
		return fmt.Sprintf("no templates for kind %s", safetext.Quote(e.Kind))
	}
	if len(e.Tones) == 0 {
		return fmt.Sprintf("no %s template for relationship %s (for %s, choose one of: %s)",
			e.Kind, safetext.Quote(e.Relationship), e.Kind, quoteList(e.Relationships))
	}
	return fmt.Sprintf("no %s template for relationship %s in tone %s (choose one of: %s)",
		e.Kind, e.Relationship, safetext.Quote(e.Tone), quoteList(e.Tones))
}

// Find returns the template for a kind, relationship and tone.
func (c *Catalog) Find(kind, relationship, tone string) (*Template, error) {
	if t, ok := c.byKey[key{kind, relationship, tone}]; ok {
		return t, nil
	}
	e := &NotFoundError{Kind: kind, Relationship: relationship, Tone: tone,
		Relationships: c.RelationshipsFor(kind)}
	if contains(e.Relationships, relationship) {
		e.Tones = c.TonesFor(kind, relationship)
	}
	return nil, e
}

// RelationshipsFor lists the relationships that have a template of the
// given kind, in the canonical order of Relationships.
func (c *Catalog) RelationshipsFor(kind string) []string {
	var out []string
	for _, r := range Relationships {
		for _, tone := range Tones {
			if _, ok := c.byKey[key{kind, r.ID, tone.ID}]; ok {
				out = append(out, r.ID)
				break
			}
		}
	}
	return out
}

// TonesFor lists the tones that have a template for a kind and relationship.
func (c *Catalog) TonesFor(kind, relationship string) []string {
	var out []string
	for _, tone := range Tones {
		if _, ok := c.byKey[key{kind, relationship, tone.ID}]; ok {
			out = append(out, tone.ID)
		}
	}
	return out
}

// KindsPresent lists the kinds that have at least one template.
func (c *Catalog) KindsPresent() []string {
	var out []string
	for _, k := range Kinds {
		if len(c.RelationshipsFor(k.ID)) > 0 {
			out = append(out, k.ID)
		}
	}
	return out
}

// isTemplateFile reports whether a directory entry is a template file.
func isTemplateFile(name string) bool {
	return !Ignored(name) && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml"))
}

// Ignored reports whether a name in a template directory is left alone:
// dotfiles (an editor's ".#mine.yaml" lock, often a dangling symlink, or
// a ".mine.yaml.swp") and editor backups ("mine.yaml~", "#mine.yaml#").
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")
}

// DefaultLang is the language of templates that name none: the default
// catalog's and the files at the top of a template directory.
const DefaultLang = "en"

// ValidLang reports whether name can be a language directory: a
// lowercase language code such as "en", "de" or "pt-br".
func ValidLang(name string) bool {
	if len(name) < 2 || len(name) > 12 || name[0] < 'a' || name[0] > 'z' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

// ReadFS parses a template tree: the *.yaml and *.yml files in each
// language directory (en/, ...) and, as English, those at the top of
// fsys. Messages name each file as prefix/path.
func ReadFS(fsys fs.FS, prefix, source string) ([]*Template, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var out []*Template
	var errs ErrorList
	read := func(dir, lang string, entries []fs.DirEntry) {
		for _, e := range entries {
			if e.IsDir() || !isTemplateFile(e.Name()) {
				continue
			}
			rel := path.Join(dir, e.Name())
			name := path.Join(prefix, rel)
			data, err := fs.ReadFile(fsys, rel)
			if err != nil {
				errs = append(errs, &Error{File: name, Msg: err.Error()})
				continue
			}
			src := source
			if src == "" {
				src = name
			}
			ts, err := Parse(name, data, src)
			errs = appendErr(errs, err)
			out = append(out, setLang(ts, lang)...)
		}
	}
	read(".", DefaultLang, entries)
	for _, e := range entries {
		if !e.IsDir() || !ValidLang(e.Name()) {
			continue
		}
		sub, err := fs.ReadDir(fsys, e.Name())
		if err != nil {
			errs = append(errs, &Error{File: path.Join(prefix, e.Name()), Msg: err.Error()})
			continue
		}
		read(e.Name(), e.Name(), sub)
	}
	return out, errs.err()
}

func setLang(ts []*Template, lang string) []*Template {
	for _, t := range ts {
		t.Lang = lang
	}
	return ts
}

// ReadDir parses the template files in a directory on disk, laid out as
// ReadFS reads it. A directory that does not exist holds no templates
// when optional is true, and is an error otherwise.
func ReadDir(dir string, optional bool) ([]*Template, error) {
	if err := safetext.CheckPath("template directory", dir); err != nil {
		return nil, err
	}
	info, err := os.Stat(dir)
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("cannot read template directory %s: %w", dir, oserr.Cause(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("template directory %s is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read template directory %s: %w", dir, oserr.Cause(err))
	}
	var out []*Template
	var errs ErrorList
	for _, e := range entries {
		if e.IsDir() || !isTemplateFile(e.Name()) {
			continue
		}
		ts, err := ReadFile(filepath.Join(dir, e.Name()))
		errs = appendErr(errs, err)
		out = append(out, ts...)
	}
	for _, e := range entries {
		if !e.IsDir() || !ValidLang(e.Name()) {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		subEntries, err := os.ReadDir(sub)
		if err != nil {
			errs = append(errs, &Error{File: sub, Msg: "cannot read: " + oserr.Cause(err).Error()})
			continue
		}
		for _, f := range subEntries {
			if f.IsDir() || !isTemplateFile(f.Name()) {
				continue
			}
			ts, err := ReadFile(filepath.Join(sub, f.Name()))
			errs = appendErr(errs, err)
			out = append(out, setLang(ts, e.Name())...)
		}
	}
	return out, errs.err()
}

// ReadFile parses one template file on disk, refusing files over
// MaxFileSize without reading them whole, anything but a regular file (a
// named pipe would never end), and a file whose name does not meet the
// outside-text policy, since the name is printed in messages and by
// 'templates list'.
func ReadFile(name string) ([]*Template, error) {
	if err := safetext.CheckPath("template file", name); err != nil {
		// The name cannot be printed as it is: the error quotes it.
		return nil, ErrorList{{Msg: err.Error()}}
	}
	info, err := os.Stat(name)
	if err != nil {
		return nil, ErrorList{{File: name, Msg: "cannot read: " + oserr.Cause(err).Error()}}
	}
	if !info.Mode().IsRegular() {
		return nil, ErrorList{{File: name, Msg: "not a regular file (a template file must be a plain file)"}}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, ErrorList{{File: name, Msg: "cannot read: " + oserr.Cause(err).Error()}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, ErrorList{{File: name, Msg: "cannot read: " + oserr.Cause(err).Error()}}
	}
	return Parse(name, data, name)
}

func appendErr(errs ErrorList, err error) ErrorList {
	if err == nil {
		return errs
	}
	var list ErrorList
	if errors.As(err, &list) {
		return append(errs, list...)
	}
	return append(errs, &Error{Msg: err.Error()})
}
