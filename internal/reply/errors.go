package reply

import (
	"fmt"
	"strings"

	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/safetext"
)

// Field names where a value of a reply comes from: a selector, a part of
// the request, or (FieldValue, with a key) one of a template's values.
// The command line turns a field into its flag, a batch into its column.
type Field string

// The fields a resolver reports on.
const (
	FieldName         Field = "name"
	FieldFirstName    Field = "first-name"
	FieldKind         Field = "kind"
	FieldRelationship Field = "relationship"
	FieldTone         Field = "tone"
	FieldTemplate     Field = "template"
	FieldSender       Field = "from"
	FieldSignoff      Field = "signoff"
	FieldSubject      Field = "subject"
	FieldValue        Field = "value"
	FieldAddress      Field = "address"
	FieldTo           Field = "to" // the address a reply goes to
)

// ChoiceError is a value that is not one of the allowed ones. Config is
// the configuration file's path when the value came from it, and empty
// when a person gave it for this run.
type ChoiceError struct {
	What    string // "kind", "tone", "format" ...
	Value   string // as the person wrote it
	Valid   []string
	Config  string
	Suggest string // a close valid value, or ""
	Why     string // why a value that exists elsewhere is refused here ("writes many replies ..."), or ""
	// BatchOnly is a format that only batch writes, refused as a
	// setting that draft reads too.
	BatchOnly bool
	// SuggestForm is the label or synonym of Suggest that is close to
	// Value ("friend", for social), or "" when its id is.
	SuggestForm string
}

func (e *ChoiceError) Error() string {
	msg := fmt.Sprintf("unknown %s %s (choose one of: %s)", e.What, safetext.Quote(e.Value), strings.Join(e.Valid, ", "))
	switch {
	case e.Why != "":
		msg = fmt.Sprintf("%s %s %s (choose one of: %s)", e.What, safetext.Quote(e.Value), e.Why, strings.Join(e.Valid, ", "))
	case e.Suggest != "":
		mean := e.Suggest
		if e.SuggestForm != "" {
			mean = fmt.Sprintf("%s (%s)", safetext.Quote(e.SuggestForm), e.Suggest)
		}
		msg = fmt.Sprintf("unknown %s %s: did you mean %s? (choose one of: %s)", e.What, safetext.Quote(e.Value), mean, strings.Join(e.Valid, ", "))
	}
	if e.Config != "" {
		return "config file " + e.Config + ": " + msg
	}
	return msg
}

// TextError is a value that breaks the policy for outside text
// (safetext.Check). Key names the value when Field is FieldValue.
type TextError struct {
	Field  Field
	Key    string
	Value  string
	Reason string
}

func (e *TextError) Error() string {
	what := string(e.Field)
	if e.Field == FieldValue {
		what = "value " + e.Key
	}
	return fmt.Sprintf("%s %s %s", what, safetext.Quote(e.Value), e.Reason)
}

// CheckText applies the outside-text policy to one value.
func CheckText(field Field, key, value string) error {
	if p := safetext.Check(value, false); p != nil {
		return &TextError{Field: field, Key: key, Value: value, Reason: p.Reason}
	}
	return nil
}

// ClashError is a template named together with selectors it already
// decides: they would be silently ignored.
type ClashError struct {
	Template string
	Fields   []Field
}

func (e *ClashError) Error() string {
	return fmt.Sprintf("template %s already chooses the kind, relationship and tone: drop %s", e.Template, joinFields(e.Fields))
}

// RowClashError is a row whose template cell names a template that
// declares another kind, relationship or tone than the row's own cells.
type RowClashError struct {
	Template string
	Clash    []CellClash
}

// CellClash is one cell against the template's declared value.
type CellClash struct {
	Field    Field
	Cell     string // the row's value
	Template string // the template's
}

func (e *RowClashError) Error() string {
	var fields, cells, declared []string
	for _, c := range e.Clash {
		fields = append(fields, string(c.Field))
		cells = append(cells, safetext.Quote(c.Cell))
		declared = append(declared, c.Template)
	}
	n := len(e.Clash)
	return fmt.Sprintf("the template cell %s contradicts the row's %s %s: the template is for %s, the %s %s; empty the template cell or %s",
		e.Template, joinAnd(fields), plural.Pick(n, "cell", "cells"), joinAnd(declared), plural.Pick(n, "cell says", "cells say"), joinAnd(cells), plural.Pick(n, "the other", "the others"))
}

// MissingError lists what a reply needs and was not given. For a missing
// relationship, Kind and Relationships say which ones exist.
type MissingError struct {
	Fields        []Field
	Kind          string
	Relationships []string
}

func (e *MissingError) Error() string {
	msg := "missing " + joinFields(e.Fields)
	if e.Needs(FieldRelationship) {
		msg += fmt.Sprintf(" (relationship for %s is one of: %s)", e.Kind, strings.Join(e.Relationships, ", "))
	}
	return msg
}

// Needs reports whether f is missing.
func (e *MissingError) Needs(f Field) bool {
	for _, m := range e.Fields {
		if m == f {
			return true
		}
	}
	return false
}

// UnknownTemplateError is a template id the catalog does not have. Like
// lists the ids that contain it, as suggestions.
type UnknownTemplateError struct {
	ID   string
	Like []string
}

func (e *UnknownTemplateError) Error() string {
	return "unknown template " + safetext.Quote(e.ID)
}

// UnusedValueError is a value a template does not take: a mistyped name
// (company as compnay) would otherwise vanish silently.
type UnusedValueError struct {
	Template string
	Key      string
	Takes    []string
}

func (e *UnusedValueError) Error() string {
	if len(e.Takes) == 0 {
		return fmt.Sprintf("template %s takes no values, so %s cannot be used", e.Template, safetext.Quote(e.Key))
	}
	for _, k := range e.Takes {
		if strings.EqualFold(k, e.Key) {
			return fmt.Sprintf("template %s does not use %s: the names of values are case-sensitive, so write %s", e.Template, safetext.Quote(e.Key), k)
		}
	}
	return fmt.Sprintf("template %s does not use %s (it takes: %s)", e.Template, safetext.Quote(e.Key), strings.Join(e.Takes, ", "))
}

func joinFields(fs []Field) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, " and ")
}

// joinAnd lists words as "a", "a and b" or "a, b and c".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
