package batch

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
)

// Defaults fill in what a row leaves empty. They come from the flags
// batch shares with draft and from the configuration, already resolved
// and checked.
type Defaults struct {
	Kind, Tone   string // never empty
	Relationship string
	// Template is a template id for the rows that name no template,
	// kind, relationship or tone of their own.
	Template string
	Sender   string
	Signoff  string // empty: the default of the template's tone
	Values   map[string]string
}

// Resolver turns rows into requests against a catalog, and requests into
// replies.
type Resolver struct {
	Catalog  *catalog.Catalog
	Defaults Defaults

	req      compose.Request
	renderer *compose.Renderer
}

// Clone returns a resolver with the same catalog and defaults and
// scratch space of its own, for another goroutine.
func (r *Resolver) Clone() Resolver {
	return Resolver{Catalog: r.Catalog, Defaults: r.Defaults}
}

// Prepare resolves a row and renders its reply with the fast renderer,
// which gives exactly what compose.Render gives. The reply is valid until
// the next call.
func (r *Resolver) Prepare(row *Row) (*compose.Prepared, error) {
	t, req, err := r.resolve(row)
	if err != nil {
		return nil, err
	}
	if r.renderer == nil {
		r.renderer = compose.NewRenderer()
	}
	p, err := r.renderer.Prepare(t, req)
	if err != nil {
		return nil, explain(err)
	}
	return p, nil
}

// Validate resolves a row and reports what preparing its reply would
// report, without rendering it where that cannot fail.
func (r *Resolver) Validate(row *Row) (*catalog.Template, error) {
	t, req, err := r.resolve(row)
	if err != nil {
		return nil, err
	}
	if r.renderer == nil {
		r.renderer = compose.NewRenderer()
	}
	if err := r.renderer.Validate(t, req); err != nil {
		return nil, explain(err)
	}
	return t, nil
}

// explain adds to a missing value where a batch can give it.
func explain(err error) error {
	var me *compose.MissingError
	if errors.As(err, &me) {
		return fmt.Errorf("%v: add a %s column, or give --set %s=VALUE", err, me.Names[0], me.Names[0])
	}
	return err
}

// resolve chooses a row's template and builds its request, unchecked.
//
// A row's own cells win over the defaults. Only the extra values the
// template declares are taken, so that columns the reply does not use
// (notes, dates) are left alone.
func (r *Resolver) resolve(row *Row) (*catalog.Template, *compose.Request, error) {
	t, err := r.template(row)
	if err != nil {
		return nil, nil, err
	}
	if row.Email != "" {
		if err := CheckEmail(row.Email); err != nil {
			return nil, nil, err
		}
	}
	d := &r.Defaults
	values := r.req.Values
	if values == nil {
		values = map[string]string{}
	}
	clear(values)
	for _, names := range [][]string{t.Requires, t.Optional} {
		for _, n := range names {
			if v := firstNonEmpty(row.Values[n], d.Values[n]); v != "" {
				values[n] = v
			}
		}
	}
	r.req = compose.Request{
		Name:      row.Name,
		FirstName: row.FirstName,
		Sender:    d.Sender,
		Signoff:   firstNonEmpty(d.Signoff, compose.DefaultSignoff(t.Tone)),
		Values:    values,
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
func (r *Resolver) template(row *Row) (*catalog.Template, error) {
	d := &r.Defaults
	// Spreadsheets capitalise: "Recommendation" and "STRANGER" are meant
	// as the ids they spell.
	row.Kind, row.Relationship = lowerASCII(row.Kind), lowerASCII(row.Relationship)
	row.Tone, row.Template = lowerASCII(row.Tone), lowerASCII(row.Template)
	id := row.Template
	if id == "" && row.Kind == "" && row.Relationship == "" && row.Tone == "" {
		id = d.Template
	}
	if id != "" {
		t, ok := r.Catalog.Get(id)
		if !ok {
			return nil, fmt.Errorf("unknown template %s (see 'decline templates list')", safetext.Quote(id))
		}
		return t, nil
	}
	kind := firstNonEmpty(row.Kind, d.Kind)
	rel := firstNonEmpty(row.Relationship, d.Relationship)
	if rel == "" {
		if err := catalog.CheckChoice("kind", kind, catalog.Kinds); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("no relationship: fill in the relationship column or give --relationship (for %s, one of: %s)",
			kind, strings.Join(r.Catalog.RelationshipsFor(kind), ", "))
	}
	return r.Catalog.Choose(kind, rel, firstNonEmpty(row.Tone, d.Tone))
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

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
