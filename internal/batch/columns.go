package batch

import (
	"fmt"
	"slices"

	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

// ColumnError is a column that no field takes whose cells look like a
// field's values (most of them name a kind, relationship or tone), while
// no column gives that field: its cells would be ignored and every reply
// silently wrong.
type ColumnError struct {
	Heading string
	Field   string // kind, relationship or tone
	Example string // one of its cells
}

func (e *ColumnError) Error() string {
	return fmt.Sprintf("column %s is not read, but its cells look like %ss (such as %s), so every reply would ignore them",
		safetext.Quote(e.Heading), e.Field, safetext.Quote(e.Example))
}

// Unused returns, after Check, the headings of the columns that no field
// of a request and no template of the catalog takes: their cells are not
// used. A column that looks like kinds, relationships or tones, when no
// column gives them, is a *ColumnError.
func (r *Run) Unused(keep []string) ([]string, error) {
	if r.reader == nil {
		return nil, nil
	}
	takes := map[string]bool{}
	for _, t := range r.Rows.Catalog.All() {
		for _, v := range slices.Concat(t.Requires, t.Optional) {
			takes[v] = true
		}
	}
	vals := reply.NewValuesOf(r.Rows.Catalog)
	var unused []string
	for _, c := range r.reader.Unused() {
		if takes[c.Name] || slices.Contains(keep, c.Heading) {
			continue
		}
		for _, field := range []string{reply.WhatKind, reply.WhatRelationship, reply.WhatTone} {
			if r.reader.Has(field) || len(c.Sample) == 0 {
				continue
			}
			n := 0
			for _, v := range c.Sample {
				if vals.Is(field, v) {
					n++
				}
			}
			if 2*n > len(c.Sample) {
				return nil, &ColumnError{Heading: c.Heading, Field: field, Example: c.Sample[0]}
			}
		}
		unused = append(unused, c.Heading)
	}
	return unused, nil
}
