package batch

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/plural"
)

// Tally counts replies by kind, relationship and tone, for a dry run's
// summary. It holds one count per value the catalog knows, whatever the
// number of rows. The counts are listed in the order of the loaded
// Catalog's locale for the replies' language, so that a language's own
// locale.yaml decides it; without a Catalog, by name.
type Tally struct {
	Catalog *catalog.Catalog
	Replies int

	lang                        string // the language of the first reply
	kinds, relationships, tones map[string]int
}

// Count is how many replies had one value.
type Count struct {
	ID string // "(none)" for a template that names no such value
	N  int
}

// Add counts one reply made with a template.
func (t *Tally) Add(tmpl *catalog.Template) {
	if t.kinds == nil {
		t.kinds, t.relationships, t.tones = map[string]int{}, map[string]int{}, map[string]int{}
		t.lang = tmpl.Lang
	}
	t.Replies++
	t.kinds[tmpl.Kind]++
	t.relationships[tmpl.Relationship]++
	t.tones[tmpl.Tone]++
}

// Kinds returns the counts by kind, in the locale's order.
func (t *Tally) Kinds() []Count {
	return counts(t.kinds, t.order(func(l *catalog.Locale) []catalog.Choice { return l.Kinds }))
}

// Relationships returns the counts by relationship, in the locale's order.
func (t *Tally) Relationships() []Count {
	return counts(t.relationships, t.order(func(l *catalog.Locale) []catalog.Choice { return l.Relationships }))
}

// Tones returns the counts by tone, in the locale's order.
func (t *Tally) Tones() []Count {
	return counts(t.tones, t.order(func(l *catalog.Locale) []catalog.Choice { return l.Tones }))
}

// order is one list of choices of the replies' locale, or none without
// a catalog.
func (t *Tally) order(list func(*catalog.Locale) []catalog.Choice) []catalog.Choice {
	if t.Catalog == nil || t.lang == "" {
		return nil
	}
	return list(t.Catalog.Locale(t.lang))
}

// counts lists the non-zero counts in the order of choices, then any
// others (a custom template's) by name.
func counts(m map[string]int, choices []catalog.Choice) []Count {
	var out []Count
	known := map[string]bool{}
	for _, c := range choices {
		known[c.ID] = true
		if n := m[c.ID]; n > 0 {
			out = append(out, Count{c.ID, n})
		}
	}
	var rest []Count
	for id, n := range m {
		if !known[id] {
			if id == "" {
				id = "(none)"
			}
			rest = append(rest, Count{id, n})
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].ID < rest[j].ID })
	return append(out, rest...)
}

// Summary prints what a dry run found: the rows of source, the replies
// ready (for outDir, when there is one) and the rows with problems, then
// the replies counted by kind, relationship and tone.
func (t *Tally) Summary(w io.Writer, source, outDir string, c Counts) {
	fmt.Fprintf(w, "%s: %s, %s ready", source, plural.N(c.Rows, "row", "rows"), plural.N(t.Replies, "reply", "replies"))
	if outDir != "" {
		fmt.Fprintf(w, " for %s", outDir)
	}
	if c.Bad > 0 {
		fmt.Fprintf(w, ", %s", plural.N(c.Bad, "row with a problem", "rows with problems"))
	}
	fmt.Fprintln(w, "; nothing was written (dry run)")
	for _, line := range []struct {
		what   string
		counts []Count
	}{{"kind", t.Kinds()}, {"relationship", t.Relationships()}, {"tone", t.Tones()}} {
		if len(line.counts) == 0 {
			continue
		}
		parts := make([]string, len(line.counts))
		for i, c := range line.counts {
			parts[i] = fmt.Sprintf("%s %d", c.ID, c.N)
		}
		fmt.Fprintf(w, "  %-13s %s\n", line.what, strings.Join(parts, ", "))
	}
}
