package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/suggest"
)

// Nearest is the template of lang a new template id starts from when
// none is named: the one with that id, else the one whose id is
// closest to it among those near it (sharing a part, such as its kind
// or relationship, or a few letters from it). When none is near,
// fallback is true and the template is a plain default: the default
// kind's warm reply to a stranger (or the closest, when the catalog
// has none such).
func (c *Catalog) Nearest(lang, id string) (t *Template, fallback bool) {
	if t, ok := c.GetIn(lang, id); ok {
		return t, false
	}
	parts := strings.Split(id, "/")
	var best, closest *Template
	bestD, closestD := 0, 0
	for _, t := range c.All() {
		if t.Lang != lang {
			continue
		}
		d := suggest.Distance(id, t.ID)
		if closest == nil || d < closestD {
			closest, closestD = t, d
		}
		near := d <= max(2, len(id)/4) || slices.ContainsFunc(strings.Split(t.ID, "/"), func(p string) bool { return slices.Contains(parts, p) })
		if near && (best == nil || d < bestD) {
			best, bestD = t, d
		}
	}
	if best != nil {
		return best, false
	}
	loc := c.Locale(lang)
	if t, ok := c.GetIn(lang, loc.DefaultKind+"/stranger/"+loc.DefaultTone); ok {
		return t, true
	}
	return closest, closest != nil
}

// UserFile is the file in the user's template directory dir that a copy
// of a template of lang, under id, is written to: one file a template,
// named after its id, in the language's folder (at the top for English,
// as the directory reads flat files).
func UserFile(dir, lang, id string) string {
	name := strings.ReplaceAll(id, "/", "_") + ".yaml" // ids have no _
	if lang == DefaultLang {
		return filepath.Join(dir, name)
	}
	return filepath.Join(dir, lang, name)
}

// CopyAs is the text of a template file holding t alone, under id: its
// subject, values (with their questions) and wordings. It declares the
// kind of t, unless id names one itself, and not the relationship or
// tone, so that the copy is chosen by --template id and never takes
// over a reply chosen by kind, relationship and tone; an id of the form
// KIND/RELATIONSHIP/TONE says them. check, when not "", is a sentence
// saying how to check the copy, added to the file's first line.
func CopyAs(t *Template, id, check string) ([]byte, error) {
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	entry := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) { entry.Content = append(entry.Content, str(key), v) }
	add("id", str(id))
	if t.Kind != "" && strings.Count(id, "/") != 2 {
		add("kind", str(t.Kind))
	}
	if t.Subject != "" {
		add("subject", str(t.Subject))
	}
	if t.Signoff != "" {
		add("signoff", str(t.Signoff))
	}
	values := func(key string, names []string) {
		if len(names) == 0 {
			return
		}
		list := &yaml.Node{Kind: yaml.SequenceNode}
		for _, n := range names {
			q, ok := t.Questions[n]
			if !ok {
				list.Content = append(list.Content, str(n))
				continue
			}
			list.Content = append(list.Content, &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle,
				Content: []*yaml.Node{str("name"), str(n), str("question"), str(q)}})
		}
		if !slices.ContainsFunc(list.Content, func(n *yaml.Node) bool { return n.Kind == yaml.MappingNode }) {
			list.Style = yaml.FlowStyle
		}
		add(key, list)
	}
	values("requires", t.Requires)
	values("optional", t.Optional)
	variants := &yaml.Node{Kind: yaml.SequenceNode}
	for _, v := range t.Variants {
		n := str(v)
		if strings.Contains(v, "\n") {
			n.Style = yaml.LiteralStyle
		}
		variants.Content = append(variants.Content, n)
	}
	add("variants", variants)
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("templates"), {Kind: yaml.SequenceNode, Content: []*yaml.Node{entry}}}}
	var b strings.Builder
	if check != "" {
		check = " " + check
	}
	if t.ID == id {
		fmt.Fprintf(&b, "# Your copy of %s, which replaces the built-in one.%s\n", id, check)
	} else {
		fmt.Fprintf(&b, "# A copy of %s, as %s.%s\n", t.ID, id, check)
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// CheckCopy reports what would keep a copy made by CopyAs from loading
// into c: an id that names a kind, relationship or tone the copy's
// language does not have, or that the copy does not declare.
func (c *Catalog) CheckCopy(data []byte, file, lang string) error {
	ts, err := Parse(file, data, file)
	if err != nil {
		return err
	}
	for _, t := range ts {
		t.Lang = lang
		if e := c.checkFields(t); e != nil {
			return e
		}
	}
	return nil
}

// ExistsError is a file WriteNew would not overwrite.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists" }

// WriteNew writes data to a file that must not exist yet, whole or not
// at all: the text goes to a temporary file beside it, which is then
// linked in place, and linking fails rather than replace a file that
// has appeared meanwhile.
func WriteNew(name string, data []byte) (err error) {
	if _, err := os.Lstat(name); err == nil {
		return &ExistsError{Path: name}
	}
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, oserr.Cause(err))
	}
	tmp, err := oserr.WriteTemp(name, data, 0o644)
	if err == nil {
		defer os.Remove(tmp)
		err = os.Link(tmp, name)
	}
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{Path: name}
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, oserr.Cause(err))
	}
	return nil
}
