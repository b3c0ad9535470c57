package reply

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/langs"
	"github.com/decline-cli/decline/internal/names"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/sheet"
)

// Row is one requester as a spreadsheet gives it: a cell per field,
// trimmed, with the extra values by column name (empty cells left out).
type Row struct {
	Line         int // the input line where the row starts
	Name         string
	Email        string
	FirstName    string
	Kind         string
	Relationship string
	Tone         string
	Lang         string // a language tag ("de", "fr-CA"); "" for the run's
	Template     string
	Variant      string
	Note         string // the user's personal line for this reply
	Values       map[string]string
}

// Rows turns rows into requests against a catalog, and requests into
// replies. A row's own cells win over the run's defaults.
type Rows struct {
	Catalog  *catalog.Catalog
	Defaults *Defaults

	req      compose.Request
	renderer *compose.Renderer
	values   *Values
	// langs caches the language each row's lang cell names: a batch
	// names the same few thousands of times.
	langs map[string]string
}

// Clone returns a resolver with the same catalog and defaults and
// scratch space of its own, for another goroutine.
func (r *Rows) Clone() Rows {
	return Rows{Catalog: r.Catalog, Defaults: r.Defaults, values: r.values}
}

// Prepare resolves a row and renders its reply with the fast renderer,
// which gives exactly what compose.Render gives. The reply is valid until
// the next call.
func (r *Rows) Prepare(row *Row) (*compose.Prepared, error) {
	t, req, err := r.resolve(row)
	if err != nil {
		return nil, err
	}
	if r.renderer == nil {
		r.renderer = compose.NewRenderer()
	}
	p, err := r.renderer.Prepare(t, req)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Validate resolves a row and reports what preparing its reply would
// report, without rendering it where that cannot fail.
func (r *Rows) Validate(row *Row) (*catalog.Template, error) {
	t, req, err := r.resolve(row)
	if err != nil {
		return nil, err
	}
	if r.renderer == nil {
		r.renderer = compose.NewRenderer()
	}
	if err := r.renderer.Validate(t, req); err != nil {
		return nil, err
	}
	return t, nil
}

// Wording is the wording (1-based) of t that the row last resolved
// gets: its variant cell, or the one its name chooses.
func (r *Rows) Wording(t *catalog.Template) int {
	if r.req.Variant > 0 {
		return r.req.Variant
	}
	return compose.VariantFor(r.req.Name, len(t.Variants))
}

// resolve chooses a row's template and builds its request, unchecked.
//
// A row's own cells win over the defaults. Only the extra values the
// template declares are taken, so that columns the reply does not use
// (notes, dates) are left alone.
func (r *Rows) resolve(row *Row) (*catalog.Template, *compose.Request, error) {
	t, err := r.template(row)
	if err != nil {
		return nil, nil, err
	}
	if row.Email != "" {
		if err := CheckEmail(row.Email); err != nil {
			return nil, nil, err
		}
	}
	// A cell of "Scott.Lee@example.com", "#N/A" or "=HYPERLINK(...)"
	// would be greeted as if it were the person's name. (A name given
	// by hand, which may be anything the user means, is not asked.)
	if safetext.Check(row.Name, false) == nil {
		if why := names.NotName(row.Name); why != "" {
			return nil, nil, &compose.FieldError{Field: "name", Value: row.Name, Msg: why + `: give the person's name, such as "Jane Smith"`}
		}
	}
	d := r.Defaults
	values := r.req.Values
	if values == nil {
		values = map[string]string{}
	}
	clear(values)
	for _, names := range [][]string{t.Requires, t.Optional} {
		for _, n := range names {
			if v := FirstNonEmpty(row.Values[n], d.Values[n]); v != "" {
				if sheet.IsErrorValue(v) {
					// An .xlsx error cell, or a CSV saved with one.
					return nil, nil, &compose.FieldError{Field: "value " + n, Value: v,
						Msg: "is a spreadsheet's error value: fix the formula in that cell, or empty it"}
				}
				values[n] = v
			}
		}
	}
	r.req = compose.Request{
		Name:      row.Name,
		FirstName: row.FirstName,
		Sender:    d.Sender,
		Signoff:   Signoff(r.Catalog.Locale(t.Lang), d.Signoff, t),
		SignBrief: d.SignBrief,
		Note:      row.Note,
		Values:    values,
		Locale:    r.Catalog.Locale(t.Lang),
	}
	if row.Variant != "" {
		n, err := strconv.Atoi(row.Variant)
		if err != nil || n < 1 {
			return nil, nil, fmt.Errorf("variant %s is not a number of 1 or more", safetext.Quote(row.Variant))
		}
		r.req.Variant = n
	}
	return t, &r.req, nil
}

// template chooses a row's template.
func (r *Rows) template(row *Row) (*catalog.Template, error) {
	d := r.Defaults
	// Cells are read as people write them: "Recommendation", "No
	// Business" and "We have never met" mean the ids they name.
	if r.values == nil {
		r.values = NewValuesOf(r.Catalog)
	}
	var err error
	if row.Kind, err = r.values.Resolve(WhatKind, row.Kind); err != nil {
		return nil, err
	}
	if row.Relationship, err = r.values.Resolve(WhatRelationship, row.Relationship); err != nil {
		return nil, err
	}
	if row.Tone, err = r.values.Resolve(WhatTone, row.Tone); err != nil {
		return nil, err
	}
	row.Template = lowerASCII(row.Template)
	lang, err := r.lang(row.Lang)
	if err != nil {
		return nil, err
	}
	id := row.Template
	if id == "" && row.Kind == "" && row.Relationship == "" && row.Tone == "" {
		id = d.Template
	}
	if id != "" {
		t, ok := r.Catalog.GetIn(lang, id)
		if !ok {
			return nil, UnknownTemplate(r.Catalog, id)
		}
		if row.Template != "" {
			return t, rowClash(row, t)
		}
		return t, nil
	}
	kind := FirstNonEmpty(row.Kind, d.Kind)
	rel := FirstNonEmpty(row.Relationship, d.Relationship)
	if rel == "" {
		if err := catalog.CheckChoice("kind", kind, r.Catalog.Locale(Lang).Kinds); err != nil {
			return nil, err
		}
		return nil, &MissingError{Fields: []Field{FieldRelationship}, Kind: kind, Relationships: r.Catalog.RelationshipsFor(lang, kind)}
	}
	return r.Catalog.Choose(catalog.Key{Lang: lang, Kind: kind, Relationship: rel, Tone: FirstNonEmpty(row.Tone, d.Tone)})
}

// rowClash reports the kind, relationship and tone cells of a row that
// contradict what its template cell declares: as draft refuses
// --template with -k, -r or -t, a row must not say one thing and get a
// reply about another. A cell that agrees, or a field the template does
// not declare, is no clash.
func rowClash(row *Row, t *catalog.Template) error {
	var clash []CellClash
	for _, c := range []CellClash{
		{FieldKind, row.Kind, t.Kind},
		{FieldRelationship, row.Relationship, t.Relationship},
		{FieldTone, row.Tone, t.Tone},
	} {
		if c.Cell != "" && c.Template != "" && c.Cell != c.Template {
			clash = append(clash, c)
		}
	}
	if len(clash) == 0 {
		return nil
	}
	return &RowClashError{Template: t.ID, Clash: clash}
}

// lang is the language a row's lang cell names, or the run's when it is
// empty.
func (r *Rows) lang(cell string) (string, error) {
	if cell == "" {
		return r.Defaults.Lang, nil
	}
	if l, ok := r.langs[cell]; ok {
		return l, nil
	}
	l, ok := langs.Match(r.Catalog.Languages(), cell)
	if !ok {
		return "", &LangError{Value: cell, Have: r.Catalog.Languages()}
	}
	if r.langs == nil {
		r.langs = map[string]string{}
	}
	r.langs[cell] = l
	return l, nil
}

// CheckEmail reports whether s is one email address, such as
// scott@example.com or "Scott Lee <scott@example.com>", as an email's To
// header takes it.
func CheckEmail(s string) error {
	if err := deliver.CheckAddress(s); err != nil {
		return fmt.Errorf("email %s %v", safetext.Quote(s), err)
	}
	return nil
}

// lowerASCII lower-cases s, without allocating when it is lower-case
// already, as it almost always is.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
