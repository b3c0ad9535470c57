package catalog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/safetext"
)

// DefaultSource marks templates from the embedded default catalog.
const DefaultSource = "default"

// Catalog is a merged set of templates, looked up by id or by key, with
// the locale of each language.
type Catalog struct {
	locales map[string]*Locale

	// byID and byKey index the templates. A checked first layer (the
	// embedded defaults, over 500 templates in four languages) is
	// indexed one language at a time, on the first look-up in it: a
	// draft indexes one language, not all. base holds that layer until
	// then; indexed lists the languages done, or all when every one is.
	// mu guards the maps, since a look-up may add to them.
	mu      sync.Mutex
	byID    map[langID]*Template
	byKey   map[Key]*Template // templates that declare kind, relationship and tone
	base    []*Template
	indexed map[string]bool
	scans   int // look-ups made without the index (see scan)
	all     bool
	over    bool // whether any later layer has a template

	idsOnce sync.Once
	ids     []langID // sorted
}

// langID finds a template by its id within its language: ids are a
// language's own, so a German template never replaces an English one.
type langID struct{ Lang, ID string }

func (t *Template) langID() langID { return langID{t.Lang, t.ID} }

// Key finds a template by its declared language, kind, relationship and
// tone, never by its id: a batch looks one up for every row.
type Key struct{ Lang, Kind, Relationship, Tone string }

// Key is the template's key; ok is false when the template does not
// declare all of kind, relationship and tone.
func (t *Template) Key() (k Key, ok bool) {
	return Key{t.Lang, t.Kind, t.Relationship, t.Tone}, t.Kind != "" && t.Relationship != "" && t.Tone != ""
}

// Layer is what one source adds to a catalog: the embedded defaults, or
// one template directory.
type Layer struct {
	Templates []*Template
	Locales   []*Locale
	// Skipped lists the folders of a template directory that were not
	// read: they are not named as a language the catalog knows (one
	// with a built-in locale, or a locale file of its own).
	Skipped []string
	// Checked says the templates passed New's checks against the
	// layer's own locales when they were compiled (the embedded
	// defaults): as the first layer, New takes them as they are. Later
	// layers only add choices to a locale, so they stay valid.
	Checked bool
}

// Merge builds a catalog from layers of templates alone, with no locale
// of their own: the locales must come from an earlier argument of New.
// It is New with each slice as a layer.
func Merge(locales []*Locale, layers ...[]*Template) (*Catalog, error) {
	ls := make([]Layer, len(layers))
	for i, ts := range layers {
		ls[i].Templates = ts
	}
	if len(ls) > 0 {
		ls[0].Locales = locales
	} else {
		ls = []Layer{{Locales: locales}}
	}
	return New(ls...)
}

// MergeLocales merges the locales of layers by language: a later one
// adds to (and relabels) an earlier one of the same language.
func MergeLocales(layers ...Layer) map[string]*Locale {
	out := map[string]*Locale{}
	for _, l := range layers {
		for _, loc := range l.Locales {
			if prev, ok := out[loc.Lang]; ok {
				out[loc.Lang] = prev.merge(loc)
			} else {
				out[loc.Lang] = loc
			}
		}
	}
	return out
}

// New builds a catalog from layers. Within one layer every id, and every
// key, must be unique; a template in a later layer replaces the one with
// the same id, and takes the key, from an earlier layer. Every template's
// kind, relationship and tone must be ones its language's locale offers,
// and an id that names a kind, relationship and tone must agree with the
// fields the template declares.
func New(layers ...Layer) (*Catalog, error) {
	locales := MergeLocales(layers...)
	var errs ErrorList
	for _, loc := range locales {
		errs = append(errs, loc.check()...)
	}
	c := &Catalog{locales: locales, all: true}
	if len(layers) > 0 && layers[0].Checked {
		// The checked layer can clash with nothing (a later layer's
		// template replaces its own by id and takes its key), so only
		// the later layers are checked and indexed now; the defaults
		// are indexed beneath them, a language at a time (see index).
		c.base, c.indexed, c.all = layers[0].Templates, map[string]bool{}, false
		layers = layers[1:]
	}
	c.build(layers, &errs)
	c.over = len(c.byID) > 0
	if err := errs.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// build checks and indexes layers, later ones replacing earlier ones'
// templates (by id) and keys, and adds what it finds wrong to errs.
func (c *Catalog) build(layers []Layer, errs *ErrorList) {
	n := 0
	for _, layer := range layers {
		n += len(layer.Templates)
	}
	c.byID = make(map[langID]*Template, n)
	for i, layer := range layers {
		// Ids are unique within a layer: the earlier layers' templates
		// are already in byID, so a clash with one placed by this layer
		// is a duplicate.
		var placed map[langID]*Template
		if i > 0 {
			placed = make(map[langID]*Template, len(layer.Templates))
		}
		for _, t := range layer.Templates {
			if layer.Checked && i == 0 {
				c.byID[t.langID()] = t
				continue
			}
			if e := c.checkFields(t); e != nil {
				e.Entry = t.Line
				*errs = append(*errs, e)
				continue
			}
			id := t.langID()
			prev, dup := c.byID[id]
			if dup && (i == 0 || placed[id] != nil) {
				*errs = append(*errs, &Error{File: t.File, Line: t.Line, Entry: t.Line,
					Msg: fmt.Sprintf("duplicate id %s (also at %s:%d)", t.ID, prev.File, prev.Line)})
				continue
			}
			if placed != nil {
				placed[id] = t
			}
			c.byID[id] = t
		}
	}
	// Keys go to the templates that are left, a later layer's taking a
	// key from an earlier one's.
	c.byKey = make(map[Key]*Template, len(c.byID))
	for i, layer := range layers {
		// A checked first layer's keys are unique, and with no
		// templates in the later layers none of its is replaced.
		checked := i == 0 && layer.Checked
		whole := checked && n == len(layer.Templates)
		var mine map[Key]*Template
		if !checked {
			mine = map[Key]*Template{}
		}
		for _, t := range layer.Templates {
			k, ok := t.Key()
			if !ok || !whole && c.byID[t.langID()] != t {
				continue
			}
			if mine != nil {
				if prev := mine[k]; prev != nil {
					*errs = append(*errs, &Error{File: t.File, Line: t.Line, Entry: t.Line,
						Msg: fmt.Sprintf("%s and %s (%s:%d) are both for %s/%s/%s in one directory; give one of them another kind, relationship or tone", t.ID, prev.ID, prev.File, prev.Line, k.Kind, k.Relationship, k.Tone)})
					continue
				}
				mine[k] = t
			}
			c.byKey[k] = t
		}
	}
}

// index adds the checked first layer's templates of language lang (every
// language when lang is "") beneath those already indexed: one whose id
// a later layer's template has is left out, and a key already taken
// stays with the later layer's template (with no later templates, the
// usual case, neither is looked for). Call it with c.mu held.
func (c *Catalog) index(lang string) {
	if c.all || lang != "" && c.indexed[lang] {
		return
	}
	skip := func(t *Template) bool {
		return lang != "" && t.Lang != lang || lang == "" && c.indexed[t.Lang]
	}
	// The maps are made again at their new size: growing one a few
	// entries at a time costs more than the entries themselves.
	n := 0
	for _, t := range c.base {
		if !skip(t) {
			n++
		}
	}
	byID, byKey := make(map[langID]*Template, len(c.byID)+n), make(map[Key]*Template, len(c.byKey)+n)
	maps.Copy(byID, c.byID)
	maps.Copy(byKey, c.byKey)
	c.byID, c.byKey = byID, byKey
	for _, t := range c.base {
		if skip(t) {
			continue
		}
		id := t.langID()
		if c.over && c.byID[id] != nil {
			continue
		}
		c.byID[id] = t
		if k, ok := t.Key(); ok && (!c.over || c.byKey[k] == nil) {
			c.byKey[k] = t
		}
	}
	if lang == "" {
		c.all, c.base, c.indexed = true, nil, nil
		return
	}
	c.indexed[lang] = true
}

// scanLimit is how many look-ups in a language not yet indexed read the
// defaults one by one: a draft makes a handful, for which the index would
// cost more than they do; a batch makes one a row, and soon has it.
const scanLimit = 16

// scan says whether a look-up in lang should read the defaults one by
// one rather than index them: only with the defaults alone (a later
// layer's templates override theirs, which the index sorts out), and
// only for the first scanLimit look-ups. Call it with c.mu held.
func (c *Catalog) scan(lang string) bool {
	if c.all || c.over || c.indexed[lang] || c.scans >= scanLimit {
		return false
	}
	c.scans++
	return true
}

// get and find look a template up by id and by key.
func (c *Catalog) get(id langID) (*Template, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scan(id.Lang) {
		for _, t := range c.base {
			if t.langID() == id {
				return t, true
			}
		}
		return nil, false
	}
	c.index(id.Lang)
	t, ok := c.byID[id]
	return t, ok
}

func (c *Catalog) find(k Key) (*Template, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scan(k.Lang) {
		for _, t := range c.base {
			if tk, ok := t.Key(); ok && tk == k {
				return t, true
			}
		}
		return nil, false
	}
	c.index(k.Lang)
	t, ok := c.byKey[k]
	return t, ok
}

// indexAll indexes every language, for what lists every template.
func (c *Catalog) indexAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.index("")
}

// checkFields checks a template's kind, relationship and tone against its
// language's locale, fills those its id names but it does not declare,
// and refuses an id that names others than it declares.
func (c *Catalog) checkFields(t *Template) *Error {
	loc, ok := c.locales[t.Lang]
	if !ok {
		return &Error{File: t.File, Line: t.Line, Msg: fmt.Sprintf("no locale for language %s (add %s/%s beside the templates)", safetext.Quote(t.Lang), t.Lang, LocaleFile)}
	}
	at := func(i int) int {
		if t.lines[i] > 0 {
			return t.lines[i]
		}
		return t.Line
	}
	// An id of three segments that starts with a kind names a kind,
	// relationship and tone: they must be the ones declared.
	if parts := strings.Split(t.ID, "/"); len(parts) == 3 {
		if _, known := loc.Kind(parts[0]); known {
			var named, declared []string
			for i, f := range []*string{&t.Kind, &t.Relationship, &t.Tone} {
				if *f != "" && *f != parts[i] {
					named = append(named, fieldNames[i]+" "+parts[i])
					declared = append(declared, fieldNames[i]+" is "+*f)
				}
			}
			if len(named) > 0 {
				return &Error{File: t.File, Line: at(0), Msg: fmt.Sprintf("id %s names %s, but the template's %s (make them agree, or give the template an id of its own such as mine/%s)",
					t.ID, strings.Join(named, " and "), strings.Join(declared, " and its "), parts[2])}
			}
			for i, f := range []*string{&t.Kind, &t.Relationship, &t.Tone} {
				if *f == "" {
					*f = parts[i]
				}
			}
		}
	}
	for i, f := range []struct {
		v       string
		choices []Choice
	}{{t.Kind, loc.Kinds}, {t.Relationship, loc.Relationships}, {t.Tone, loc.Tones}} {
		if f.v != "" {
			if _, ok := Lookup(f.choices, f.v); !ok {
				return &Error{File: t.File, Line: at(i + 1), Msg: fmt.Sprintf("unknown %s %s (choose one of: %s)", fieldNames[i], safetext.Quote(f.v), quoteList(IDs(f.choices)))}
			}
		}
	}
	return nil
}

var fieldNames = []string{"kind", "relationship", "tone"}

// Locale returns the locale of a language, or English's when the catalog
// has none for it.
func (c *Catalog) Locale(lang string) *Locale {
	if l, ok := c.locales[lang]; ok {
		return l
	}
	if l, ok := c.locales[DefaultLang]; ok {
		return l
	}
	return &Locale{Lang: DefaultLang}
}

// Languages lists the languages the catalog has a locale for, sorted.
func (c *Catalog) Languages() []string {
	out := make([]string, 0, len(c.locales))
	for lang := range c.locales {
		out = append(out, lang)
	}
	sort.Strings(out)
	return out
}

// sortedIDs returns every id, sorted; the sort is done on first use,
// since drafting one reply never needs it.
func (c *Catalog) sortedIDs() []langID {
	c.idsOnce.Do(func() {
		c.indexAll()
		c.ids = make([]langID, 0, len(c.byID))
		for id := range c.byID {
			c.ids = append(c.ids, id)
		}
		sort.Slice(c.ids, func(i, j int) bool {
			if c.ids[i].ID != c.ids[j].ID {
				return c.ids[i].ID < c.ids[j].ID
			}
			return c.ids[i].Lang < c.ids[j].Lang
		})
	})
	return c.ids
}

// Get returns the English template with the given id: what an id names
// when no language is asked for.
func (c *Catalog) Get(id string) (*Template, bool) {
	return c.GetIn(DefaultLang, id)
}

// GetIn returns the template with the given id in a language, or the
// English one when the language has none of that id.
func (c *Catalog) GetIn(lang, id string) (*Template, bool) {
	if t, ok := c.get(langID{lang, id}); ok {
		return t, true
	}
	return c.get(langID{DefaultLang, id})
}

// All returns every template, sorted by id (and language, for one id in
// several).
func (c *Catalog) All() []*Template {
	ids := c.sortedIDs()
	out := make([]*Template, len(ids))
	for i, id := range ids {
		out[i] = c.byID[id]
	}
	return out
}

// Len is the number of templates.
func (c *Catalog) Len() int { return len(c.sortedIDs()) }

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

// Find returns the template for a key.
func (c *Catalog) Find(k Key) (*Template, error) {
	if t, ok := c.find(k); ok {
		return t, nil
	}
	e := &NotFoundError{Kind: k.Kind, Relationship: k.Relationship, Tone: k.Tone,
		Relationships: c.RelationshipsFor(k.Lang, k.Kind)}
	if contains(e.Relationships, k.Relationship) {
		e.Tones = c.TonesFor(k.Lang, k.Kind, k.Relationship)
	}
	return nil, e
}

// RelationshipsFor lists the relationships that have a template of the
// given language and kind, in the order of the language's locale.
func (c *Catalog) RelationshipsFor(lang, kind string) []string {
	var out []string
	for _, r := range c.Locale(lang).Relationships {
		if c.hasRelationship(lang, kind, r.ID) {
			out = append(out, r.ID)
		}
	}
	return out
}

// hasRelationship says whether a language has a template for a kind and
// relationship, in any tone.
func (c *Catalog) hasRelationship(lang, kind, rel string) bool {
	for _, tone := range c.Locale(lang).Tones {
		if _, ok := c.find(Key{lang, kind, rel, tone.ID}); ok {
			return true
		}
	}
	return false
}

// TonesFor lists the tones that have a template for a language, kind and
// relationship.
func (c *Catalog) TonesFor(lang, kind, relationship string) []string {
	var out []string
	for _, tone := range c.Locale(lang).Tones {
		if _, ok := c.find(Key{lang, kind, relationship, tone.ID}); ok {
			out = append(out, tone.ID)
		}
	}
	return out
}

// KindsPresent lists the kinds of a language that have at least one
// template.
func (c *Catalog) KindsPresent(lang string) []string {
	var out []string
	for _, k := range c.Locale(lang).Kinds {
		if len(c.RelationshipsFor(lang, k.ID)) > 0 {
			out = append(out, k.ID)
		}
	}
	return out
}

// isTemplateFile reports whether a directory entry is a template file.
func isTemplateFile(name string) bool {
	return !Ignored(name) && !IsLocaleFile(name) && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml"))
}

// Ignored reports whether a name in a template directory is left alone:
// dotfiles (an editor's ".#mine.yaml" lock, often a dangling symlink, or
// a ".mine.yaml.swp") and editor backups ("mine.yaml~", "#mine.yaml#").
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")
}

// DefaultLang is the language of templates that name none: the files at
// the top of a template directory.
const DefaultLang = "en"

// ValidLang reports whether name can be a language directory: a
// lowercase language tag such as "en", "de" or "pt-br" (a language of
// two or three letters, then subtags of two to eight letters or digits).
// "backup" or "templates" are not.
func ValidLang(name string) bool {
	parts := strings.Split(name, "-")
	for i, p := range parts {
		lo, hi := 2, 8
		if i == 0 {
			hi = 3
		}
		if len(p) < lo || len(p) > hi {
			return false
		}
		for j := 0; j < len(p); j++ {
			c := p[j]
			if !(c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// tree is a template directory: files at the top read as English, and
// each language directory (en/, de/, ...) holds its templates and
// perhaps a locale.yaml.
type tree struct {
	readDir  func(dir string) ([]fs.DirEntry, error)
	readFile func(name string) ([]*Template, error)
	readData func(name string) ([]byte, error)
	join     func(elem ...string) string
	errs     ErrorList
	layer    Layer
	// builtin is the default catalog's tree, whose locales may hold
	// the rules for reading requests.
	builtin bool
}

func (tr *tree) read(root string) {
	entries, err := tr.readDir(root)
	if err != nil {
		tr.errs = append(tr.errs, &Error{File: root, Msg: "cannot read: " + oserr.Cause(err).Error()})
		return
	}
	tr.files(root, DefaultLang, entries)
	for _, e := range entries {
		if !e.IsDir() || Ignored(e.Name()) {
			continue
		}
		dir := tr.join(root, e.Name())
		if !ValidLang(e.Name()) {
			tr.layer.Skipped = append(tr.layer.Skipped, dir)
			continue
		}
		sub, err := tr.readDir(dir)
		if err != nil {
			tr.errs = append(tr.errs, &Error{File: dir, Msg: "cannot read: " + oserr.Cause(err).Error()})
			continue
		}
		// A folder is a language when the catalog knows it (a built-in
		// locale) or it has a locale of its own; any other folder, such
		// as a backup, is left alone.
		if !KnownLang(e.Name()) && !slices.ContainsFunc(sub, func(f fs.DirEntry) bool { return !f.IsDir() && IsLocaleFile(f.Name()) }) {
			tr.layer.Skipped = append(tr.layer.Skipped, dir)
			continue
		}
		tr.files(dir, e.Name(), sub)
	}
}

var builtinLangs = []string{DefaultLang}

// SetBuiltinLangs records the languages the built-in catalog has a
// locale for (package templates does, as it starts): a folder of a
// template directory named after one is that language even without a
// locale file of its own.
func SetBuiltinLangs(langs []string) { builtinLangs = slices.Clone(langs) }

// KnownLang reports whether lang is a language of the built-in catalog.
func KnownLang(lang string) bool { return slices.Contains(builtinLangs, lang) }

func (tr *tree) files(dir, lang string, entries []fs.DirEntry) {
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := tr.join(dir, e.Name())
		switch {
		case IsLocaleFile(e.Name()) && !Ignored(e.Name()):
			data, err := tr.readData(name)
			if err != nil {
				tr.errs = append(tr.errs, &Error{File: name, Msg: err.Error()})
				continue
			}
			loc, err := ParseLocale(name, lang, data)
			if err == nil && !tr.builtin {
				err = ownRequests(name, loc)
			}
			tr.errs = appendErr(tr.errs, err)
			if loc != nil {
				tr.layer.Locales = append(tr.layer.Locales, loc)
			}
		case isTemplateFile(e.Name()):
			ts, err := tr.readFile(name)
			tr.errs = appendErr(tr.errs, err)
			tr.layer.Templates = append(tr.layer.Templates, setLang(ts, lang)...)
		}
	}
}

// ReadFS reads a template tree from fsys: the templates and locale.yaml
// of each language directory, and, as English, those at the top. Messages
// name each file as prefix/path.
func ReadFS(fsys fs.FS, prefix, source string) (Layer, error) {
	local := func(name string) string { return strings.TrimPrefix(strings.TrimPrefix(name, prefix), "/") }
	tr := &tree{
		readDir: func(dir string) ([]fs.DirEntry, error) {
			if d := local(dir); d != "" {
				return fs.ReadDir(fsys, d)
			}
			return fs.ReadDir(fsys, ".")
		},
		readData: func(name string) ([]byte, error) {
			data, err := fs.ReadFile(fsys, local(name))
			if err != nil {
				return nil, errors.New("cannot read: " + oserr.Cause(err).Error())
			}
			return data, nil
		},
		join: path.Join,
	}
	tr.builtin = source == DefaultSource
	tr.readFile = func(name string) ([]*Template, error) {
		data, err := tr.readData(name)
		if err != nil {
			return nil, ErrorList{{File: name, Msg: err.Error()}}
		}
		src := source
		if src == "" {
			src = name
		}
		return Parse(name, data, src)
	}
	tr.read(prefix)
	return tr.layer, tr.errs.err()
}

func setLang(ts []*Template, lang string) []*Template {
	for _, t := range ts {
		t.Lang = lang
	}
	return ts
}

// ReadDir reads a template directory on disk, laid out as ReadFS reads
// one. A directory that does not exist holds no templates when optional
// is true, and is an error otherwise.
func ReadDir(dir string, optional bool) (Layer, error) {
	if err := safetext.CheckPath("template directory", dir); err != nil {
		return Layer{}, err
	}
	info, err := os.Stat(dir)
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return Layer{}, nil
		}
		return Layer{}, fmt.Errorf("cannot read template directory %s: %w", dir, oserr.Cause(err))
	}
	if !info.IsDir() {
		return Layer{}, fmt.Errorf("template directory %s is not a directory", dir)
	}
	if _, err := os.ReadDir(dir); err != nil {
		return Layer{}, fmt.Errorf("cannot read template directory %s: %w", dir, oserr.Cause(err))
	}
	tr := &tree{readDir: os.ReadDir, readFile: ReadFile, readData: readCapped, join: filepath.Join}
	tr.read(dir)
	return tr.layer, tr.errs.err()
}

// ReadLocaleFile parses a locale file on disk, of the given language,
// as a template directory's is read.
func ReadLocaleFile(name, lang string) (*Locale, error) {
	data, err := readNamed("locale file", name)
	if err != nil {
		return nil, err
	}
	loc, err := ParseLocale(name, lang, data)
	if err != nil {
		return nil, err
	}
	return loc, ownRequests(name, loc)
}

// ownRequests refuses a requests section in a locale file of the user's:
// the rules for reading requests are built in, and one of the user's
// would not be read.
func ownRequests(name string, l *Locale) error {
	if l.Requests == "" {
		return nil
	}
	return ErrorList{{File: name, Msg: "requests: the rules for reading requests are built into decline, and a locale file of your own cannot change them yet: remove the section"}}
}

// FileLang is the language of a file in a template directory, as the
// directory is read: the folder it is in when that is a language (see
// ReadDir), else English. locale is the locale file of that language
// in the same directory, or "" when there is none.
func FileLang(file string) (lang, locale string) {
	dir := filepath.Dir(file)
	if name := filepath.Base(dir); ValidLang(name) {
		if loc := localeIn(dir); loc != "" || KnownLang(name) {
			return name, loc
		}
	}
	return DefaultLang, localeIn(filepath.Join(dir, DefaultLang))
}

// localeIn is the locale file in dir, or "".
func localeIn(dir string) string {
	for _, name := range []string{LocaleFile, "locale.yml"} {
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	return ""
}

// ReadFile parses one template file on disk, refusing files over
// MaxFileSize without reading them whole, anything but a regular file (a
// named pipe would never end), and a file whose name does not meet the
// outside-text policy, since the name is printed in messages and by
// 'templates list'.
func ReadFile(name string) ([]*Template, error) {
	data, err := readNamed("template file", name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data, name)
}

// readNamed is readCapped of a file whose name meets the outside-text
// policy; what names the file in the error about its name.
func readNamed(what, name string) ([]byte, error) {
	if p := safetext.CheckName(name); p != nil {
		// The name cannot be printed as it is: the error quotes it, and
		// still names the file, so that a directory read can leave it
		// out as it does any other broken file.
		return nil, ErrorList{{File: name, Shown: what + " " + safetext.QuotePath(name), Msg: "its name " + p.Reason + "; rename it"}}
	}
	data, err := readCapped(name)
	if err != nil {
		return nil, ErrorList{{File: name, Msg: err.Error()}}
	}
	return data, nil
}

// readCapped reads a regular file of at most MaxFileSize bytes (a named
// pipe would never end); its errors are ready to follow the file's name.
// The file is opened without waiting (oserr.OpenNoWait) and then checked, so a
// file swapped for a named pipe between a check and the open cannot
// block.
func readCapped(name string) ([]byte, error) {
	beforeOpen(name)
	f, err := oserr.OpenNoWait(name)
	if err != nil {
		return nil, errors.New("cannot read: " + oserr.Cause(err).Error())
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, errors.New("cannot read: " + oserr.Cause(err).Error())
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file (a template file must be a plain file)")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, errors.New("cannot read: " + oserr.Cause(err).Error())
	}
	return data, nil
}

// beforeOpen lets a test swap a file just before readCapped opens it.
var beforeOpen = func(string) {}

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

// Drop returns the layer without what the problems in bad rule out: the
// one template a problem is confined to (Error.Entry), or else every
// template and locale read from the problem's file.
func (l Layer) Drop(bad ErrorList) Layer {
	files := map[string]bool{}
	entries := map[fileLine]bool{}
	for _, e := range bad {
		if e.Entry > 0 {
			entries[fileLine{e.File, e.Entry}] = true
		} else {
			files[e.File] = true
		}
	}
	out := Layer{Skipped: l.Skipped}
	for _, t := range l.Templates {
		if !files[t.File] && !entries[fileLine{t.File, t.Line}] {
			out.Templates = append(out.Templates, t)
		}
	}
	for _, loc := range l.Locales {
		if !files[loc.File] {
			out.Locales = append(out.Locales, loc)
		}
	}
	return out
}

type fileLine struct {
	File string
	Line int
}
