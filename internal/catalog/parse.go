package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/sheet"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize caps a template file. The default catalog is a few tens of
// kilobytes; anything near this size is a mistake or an attack.
const MaxFileSize = 1 << 20

// Spec is a template's definition: everything but its parsed form. The
// default catalog is compiled into Go as a list of Specs (see package
// templates), so that starting decline decodes no YAML.
type Spec struct {
	// ID is KIND/RELATIONSHIP/TONE for catalog templates, or any id of
	// lowercase letters, digits, '-' and '/' for a user's own.
	ID           string
	Lang         string // the language directory it came from, "en" for the top
	Kind         string // empty for a custom template that names none
	Relationship string
	Tone         string
	Subject      string // text/template source
	// Signoff is the sign-off this template closes with when the user
	// gives none (flag or config), over its tone's in the locale: a
	// French warm reply to a stranger ends "Bien cordialement", one to a
	// friend "Amitiés". Empty for the tone's.
	Signoff  string
	Variants []string // text/template source of each wording
	Requires []string // extra values that must be given
	Optional []string // extra values that may be given
	// Questions holds the question a template's own declaration gives
	// for a value ({first} is the requester's first name), over the
	// locale's.
	Questions map[string]string

	// File and Line locate the template for messages.
	File string
	Line int
	// VariantLines holds the file line where each variant's text starts.
	VariantLines []int
}

// Template is one reply template: a subject and one or more wordings
// (variants) of the body, with the extra values they need.
type Template struct {
	Spec
	// Source is "default" for the embedded catalog, or the path of the
	// file the template came from.
	Source string

	// Parsed parts: the subject is part 0, wording i is part i+1. A part
	// is parsed once, under mu; full is set when every part is.
	// lines holds where the id, kind, relationship and tone are set in
	// the file (0 when unknown, as for the compiled defaults).
	lines [4]int

	mu         sync.Mutex
	full       atomic.Bool
	compileErr error
	declared   map[string]bool
	done       []bool
	partErrs   []error
	subject    *template.Template
	bodies     []*template.Template
}

// FromSpecs makes templates from trusted specs, such as the generated
// default catalog. Their text is parsed on first use, not here: a run
// that drafts one reply parses one subject and one wording.
func FromSpecs(specs []Spec, source string) []*Template {
	all := make([]Template, len(specs))
	out := make([]*Template, len(specs))
	for i := range specs {
		all[i].Spec, all[i].Source = specs[i], source
		out[i] = &all[i]
	}
	return out
}

// Compile parses every part of the template not parsed yet and reports
// every problem. Templates read by Parse are compiled already.
func (t *Template) Compile() error {
	if t.full.Load() {
		return t.compileErr
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.full.Load() {
		p := &parser{file: t.File}
		p.compile(t, t.Line)
		var errs ErrorList
		for _, err := range t.partErrs {
			errs = appendErr(errs, err)
		}
		t.compileErr = errs.err()
		t.full.Store(true)
	}
	return t.compileErr
}

// CompileVariant parses the subject and wording i (0-based) if they are
// not parsed yet: all that one reply needs.
func (t *Template) CompileVariant(i int) error {
	if t.full.Load() {
		return t.compileErr
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.full.Load() {
		return t.compileErr
	}
	p := &parser{file: t.File}
	p.compileSubject(t, t.Line)
	p.compileBody(t, i)
	var errs ErrorList
	errs = appendErr(errs, t.partErrs[0])
	errs = appendErr(errs, t.partErrs[i+1])
	return errs.err()
}

// Body returns the parsed body of variant i (0-based). Call Compile or
// CompileVariant first.
func (t *Template) Body(i int) *template.Template { return t.bodies[i] }

// SubjectTemplate returns the parsed subject. Call Compile or
// CompileVariant first.
func (t *Template) SubjectTemplate() *template.Template { return t.subject }

// reservedValues are names that batch input uses for its own columns, so
// they cannot be extra values.
// The other headings batch reads as those columns ("mail", "full_name",
// ...) are reserved too: a value of that name could never come from a
// spreadsheet. A test in package batch keeps the two lists together.
var reservedValues = []string{"name", "email", "first_name", "relationship", "kind", "tone", "template", "variant", "note", "line",
	"e_mail", "email_address", "e_mail_address", "mail", "full_name", "firstname", "given_name"}

// Reserved reports whether name is kept for batch input's own columns and
// so cannot name an extra value.
func Reserved(name string) bool { return contains(reservedValues, name) || sheet.Reserved(name) }

var topFields = []string{"kind", "templates"}
var entryFields = []string{"id", "kind", "relationship", "tone", "subject", "signoff", "requires", "optional", "body", "variants"}

// Parse decodes one template file strictly. file names it in messages and
// source is recorded on each template. Every problem found is returned
// as an ErrorList; Parse never panics, whatever the input.
func Parse(file string, data []byte, source string) (ts []*Template, err error) {
	p := &parser{file: file}
	defer func() {
		if r := recover(); r != nil {
			ts, err = nil, ErrorList{{File: file, Msg: fmt.Sprintf("cannot read this file as YAML (%v)", r)}}
		}
	}()
	ts = p.parse(data, source)
	return ts, p.result()
}

type parser struct {
	file string
	errs ErrorList
	// more counts the problems past MaxFileProblems, which are counted
	// but not kept: a file of tiny bad entries would otherwise make a
	// list as long as itself.
	more int
}

// MaxFileProblems is how many problems are reported for one file; the
// rest are counted.
const MaxFileProblems = 100

func (p *parser) errorf(line int, format string, args ...any) {
	if len(p.errs) >= MaxFileProblems {
		p.more++
		return
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// failed reports whether any problem was found since there were before
// (a count of len(p.errs) taken earlier), kept or only counted.
func (p *parser) failed(before, moreBefore int) bool {
	return len(p.errs) > before || p.more > moreBefore
}

// result is the problems found, with a last line counting those past the
// cap.
func (p *parser) result() error {
	if p.more > 0 {
		return append(p.errs, &Error{File: p.file, Msg: fmt.Sprintf("and %d more problems in this file (fix these first)", p.more)})
	}
	return p.errs.err()
}

func (p *parser) parse(data []byte, source string) []*Template {
	root := p.document(data, "template file", "a 'templates' list")
	if root == nil {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(root.Line, "expected a mapping with a 'templates' list, found %s", describe(root))
		return nil
	}

	fileKind, fileKindLine := "", 0
	var list *yaml.Node
	p.fields(root, "file", topFields, func(key string, v *yaml.Node) {
		switch key {
		case "kind":
			fileKind, fileKindLine = p.word(v, "kind"), v.Line
		case "templates":
			if v.Kind != yaml.SequenceNode {
				p.errorf(v.Line, "'templates' must be a list, found %s", describe(v))
				return
			}
			list = v
		}
	})
	if list == nil {
		if len(p.errs) == 0 {
			p.errorf(root.Line, "missing 'templates' list")
		}
		return nil
	}
	var out []*Template
	for _, n := range list.Content {
		before := len(p.errs)
		if t := p.entry(n, fileKind, fileKindLine, source); t != nil {
			out = append(out, t)
		}
		for _, e := range p.errs[before:] {
			e.Entry = n.Line
		}
	}
	if len(list.Content) == 0 {
		p.errorf(list.Line, "'templates' list is empty")
	}
	return out
}

// document decodes a file of one YAML document, refusing what no
// decline file holds (too large, not UTF-8, empty, several documents,
// aliases), and returns its root node, or nil after reporting why not.
// what names the file and expected what it should hold.
func (p *parser) document(data []byte, what, expected string) *yaml.Node {
	if len(data) > MaxFileSize {
		p.errorf(0, "file is larger than the %d bytes a %s may hold", MaxFileSize, what)
		return nil
	}
	if !utf8.Valid(data) {
		p.errorf(0, "file is not valid UTF-8")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.errorf(0, "file is empty (expected %s)", expected)
		} else {
			p.yamlError(err, data)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			p.yamlError(err, data)
		} else {
			p.errorf(extra.Line, "more than one YAML document in a file (remove the '---' separator)")
		}
		return nil
	}
	if !p.noAliases(&doc, what) {
		return nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	return root
}

// yamlError turns a decoder error into one located message, at the line
// of the mistake itself where the file shows it (yamlMistake).
func (p *parser) yamlError(err error, data []byte) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	if at, hint := yamlMistake(data, line, msg); hint != "" {
		p.errorf(at, "invalid YAML: %s (%s)", msg, hint)
		return
	}
	p.errorf(line, "invalid YAML: %s", msg)
}

// noAliases rejects aliases anywhere in the tree: templates never need
// them, and refusing them rules out alias bombs.
func (p *parser) noAliases(n *yaml.Node, what string) bool {
	if n.Kind == yaml.AliasNode {
		p.errorf(n.Line, "YAML aliases (*name) are not supported in %ss", what)
		return false
	}
	for _, c := range n.Content {
		if !p.noAliases(c, what) {
			return false
		}
	}
	return true
}

// fields walks a mapping, reporting unknown and duplicate keys, and calls
// fn for each known key in file order.
func (p *parser) fields(m *yaml.Node, what string, known []string, fn func(key string, v *yaml.Node)) {
	seen := make(map[string]int, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, "%s keys must be plain words, found %s", what, describe(k))
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			p.errorf(k.Line, "duplicate key %s (already set at line %d)", safetext.Quote(k.Value), prev)
			continue
		}
		seen[k.Value] = k.Line
		if !contains(known, k.Value) {
			p.errorf(k.Line, "unknown field %s in %s (expected one of: %s)", safetext.Quote(k.Value), what, quoteList(known))
			continue
		}
		fn(k.Value, v)
	}
}

func (p *parser) str(v *yaml.Node, field string) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		p.errorf(v.Line, "%s must be text, found %s (put it in quotes)", field, describe(v))
		return "", false
	}
	return v.Value, true
}

func (p *parser) strList(v *yaml.Node, field string) []string {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "%s must be a list, found %s", field, describe(v))
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, c := range v.Content {
		if s, ok := p.str(c, field+" entry"); ok {
			out = append(out, s)
		}
	}
	return out
}

// valueList reads a template's requires or optional list: each entry a
// value's name, or a mapping of its name and the question to ask for it
// on a terminal ({name: event, question: "Which event, {first}?"}).
func (p *parser) valueList(v *yaml.Node, field string, t *Spec) []string {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "%s must be a list, found %s", field, describe(v))
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, c := range v.Content {
		if c.Kind != yaml.MappingNode {
			if s, ok := p.str(c, field+" entry"); ok {
				out = append(out, s)
			}
			continue
		}
		var name, question string
		p.fields(c, field+" entry", []string{"name", "question"}, func(key string, v *yaml.Node) {
			if key == "name" {
				name, _ = p.str(v, "name")
			} else {
				question = p.text(v, "question")
			}
		})
		if name == "" {
			p.errorf(c.Line, "%s entry has no name (write {name: event, question: ...})", field)
			continue
		}
		out = append(out, name)
		if question != "" {
			if t.Questions == nil {
				t.Questions = map[string]string{}
			}
			t.Questions[name] = question
		}
	}
	return out
}

func (p *parser) entry(n *yaml.Node, fileKind string, fileKindLine int, source string) *Template {
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "each template must be a mapping, found %s", describe(n))
		return nil
	}
	before, moreBefore := len(p.errs), p.more
	t := &Template{Spec: Spec{Lang: DefaultLang, Kind: fileKind, File: p.file, Line: n.Line}, Source: source}
	t.lines[1] = fileKindLine
	var idLine, valuesLine int
	var bodyNode, variantsNode *yaml.Node
	var subjectNode *yaml.Node
	p.fields(n, "template", entryFields, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			t.ID, _ = p.str(v, "id")
			idLine = v.Line
			t.lines[0] = v.Line
		case "kind":
			t.Kind, t.lines[1] = p.word(v, "kind"), v.Line
		case "relationship":
			t.Relationship, t.lines[2] = p.word(v, "relationship"), v.Line
		case "tone":
			t.Tone, t.lines[3] = p.word(v, "tone"), v.Line
		case "subject":
			if s, ok := p.str(v, "subject"); ok {
				t.Subject, subjectNode = s, v
			}
		case "signoff":
			t.Signoff = p.text(v, "signoff")
			if t.Signoff != "" && !safetext.HasLetter(t.Signoff) {
				p.errorf(v.Line, "signoff %s has no letters: write one such as 'Best wishes', or remove the line", safetext.Quote(t.Signoff))
				t.Signoff = ""
			}
		case "requires":
			t.Requires, valuesLine = p.valueList(v, "requires", &t.Spec), v.Line
		case "optional":
			t.Optional = p.valueList(v, "optional", &t.Spec)
			if valuesLine == 0 {
				valuesLine = v.Line
			}
		case "body":
			bodyNode = v
		case "variants":
			variantsNode = v
		}
	})
	if p.failed(before, moreBefore) {
		return nil
	}

	switch {
	case t.ID != "":
		if !ValidID(t.ID) {
			p.errorf(idLine, "invalid id %s (use lowercase letters, digits, '-' and '/', like acme/short)", safetext.Quote(t.ID))
			return nil
		}
	case t.Kind == "" || t.Relationship == "" || t.Tone == "":
		var missing []string
		for _, f := range []struct{ name, v string }{{"kind", t.Kind}, {"relationship", t.Relationship}, {"tone", t.Tone}} {
			if f.v == "" {
				missing = append(missing, f.name)
			}
		}
		p.errorf(n.Line, "template has no id and no %s (give an id, or all of kind, relationship and tone)", strings.Join(missing, " or "))
		return nil
	default:
		t.ID = t.Kind + "/" + t.Relationship + "/" + t.Tone
	}

	switch {
	case bodyNode != nil && variantsNode != nil:
		p.errorf(variantsNode.Line, "template %s has both 'body' and 'variants' (use one)", t.ID)
	case bodyNode != nil:
		if s, ok := p.str(bodyNode, "body"); ok {
			t.Variants = []string{s}
			t.VariantLines = []int{textLine(bodyNode)}
		}
	case variantsNode != nil:
		if variantsNode.Kind != yaml.SequenceNode || len(variantsNode.Content) == 0 {
			p.errorf(variantsNode.Line, "'variants' must be a non-empty list of message texts")
			break
		}
		for _, v := range variantsNode.Content {
			if s, ok := p.str(v, "variant"); ok {
				t.Variants = append(t.Variants, s)
				t.VariantLines = append(t.VariantLines, textLine(v))
			}
		}
	default:
		p.errorf(n.Line, "template %s has no 'body' or 'variants'", t.ID)
	}
	p.checkValues(t, valuesLine)
	if p.failed(before, moreBefore) {
		return nil
	}
	subjectLine := t.Line
	if subjectNode != nil {
		subjectLine = textLine(subjectNode)
	}
	p.compile(t, subjectLine)
	if p.failed(before, moreBefore) {
		return nil
	}
	t.full.Store(true)
	return t
}

func (p *parser) checkValues(t *Template, line int) {
	seen := map[string]bool{}
	for _, name := range append(append([]string(nil), t.Requires...), t.Optional...) {
		switch {
		case !validValueName(name):
			p.errorf(line, "invalid value name %s in %s (use lowercase letters, digits and '_', starting with a letter)", safetext.Quote(name), t.ID)
		case Reserved(name):
			p.errorf(line, "value name %q in %s is reserved for batch input columns; choose another name", name, t.ID)
		case seen[name]:
			p.errorf(line, "value %q is declared twice in %s", name, t.ID)
		}
		seen[name] = true
	}
}

// textLine is the file line where a scalar's text starts: block scalars
// (| and >) start on the line after their indicator.
func textLine(n *yaml.Node) int {
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Line + 1
	}
	return n.Line
}

// describe names a node's type for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true/false"
	case "!!null":
		return "nothing"
	case "!!str":
		return "text"
	}
	return "a value tagged " + safetext.Quote(n.Tag)
}

// ValidID reports whether id is a usable template id: lowercase letters,
// digits and '-', in segments separated by single '/'.
func ValidID(id string) bool {
	if id == "" || len(id) > 200 {
		return false
	}
	for _, seg := range strings.Split(id, "/") {
		if seg == "" || seg[0] == '-' {
			return false
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

func validValueName(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
