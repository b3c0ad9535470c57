package batch

import (
	"fmt"
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/jsonenc"
	"github.com/decline-cli/decline/internal/sheet"

	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

// ColumnError is a column that no field takes whose cells look like a
// field's values (most of them name a kind, relationship or tone), or
// whose heading looks like an email column's, while no column gives that
// field: its cells would be ignored and every reply silently wrong.
type ColumnError struct {
	Heading string
	Field   string // kind, relationship, tone or email
	Example string // one of its cells; none for email, told by its heading
}

func (e *ColumnError) Error() string {
	if e.Field == "email" {
		return fmt.Sprintf("column %s looks like the email column but is not read as one, so every reply would go out with no recipient",
			safetext.Quote(e.Heading))
	}
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
		if takes[c.Name] && !c.Employer || slices.ContainsFunc(keep, func(k string) bool { return ColumnName(k) == c.Name }) {
			continue
		}
		if !r.reader.Has("email") && sheet.LooksLikeEmail(c.Heading) &&
			(len(c.Sample) == 0 || slices.ContainsFunc(c.Sample, func(v string) bool { return strings.Contains(v, "@") })) {
			// "Email 1" or "E-mail 1 - Value": every reply would have no
			// recipient. A "mail" column of no addresses ("E-mail 1 -
			// Type") is only unused.
			return nil, &ColumnError{Heading: c.Heading, Field: "email"}
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

// kept is a column carried into JSON Lines records.
type kept struct {
	heading string // as the user gave it
	name    string // the row's key for it
}

func keptColumns(headings []string) []kept {
	out := make([]kept, len(headings))
	for i, h := range headings {
		out[i] = kept{heading: strings.TrimSpace(h), name: ColumnName(h)}
	}
	return out
}

// appendKept adds the kept columns' cells to the JSON Lines record at
// the end of dst (which ends with "}\n"), as "columns":{heading: cell}.
func appendKept(dst []byte, keep []kept, row *Row) []byte {
	dst = dst[:len(dst)-2]
	dst = append(dst, `,"columns":{`...)
	for i, k := range keep {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonenc.AppendString(dst, k.heading)
		dst = append(dst, ':')
		dst = jsonenc.AppendString(dst, row.Values[k.name])
	}
	return append(dst, "}}\n"...)
}

// CheckKeep reports a kept heading that is not a column of values: a
// field of the request, which the record has already.
func CheckKeep(headings []string) error {
	for _, h := range headings {
		if slices.Contains(sheet.Fields, ColumnName(h)) {
			return fmt.Errorf("column %s is read as the %s, which each record has already", safetext.Quote(h), ColumnName(h))
		}
	}
	return nil
}

// Employer returns, after Check, the heading of a company column left
// unread because the sheet is a list of contacts (see Column.Employer),
// or "".
func (r *Run) Employer() string {
	if r.reader == nil {
		return ""
	}
	for _, c := range r.reader.Unused() {
		if c.Employer {
			return c.Heading
		}
	}
	return ""
}
