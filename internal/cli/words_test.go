package cli

import (
	"errors"
	"testing"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/reply"
)

// TestWording: the resolver's typed errors become flag or column wording,
// and the usage error still carries the typed cause.
func TestWording(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&reply.TextError{Field: reply.FieldFirstName, Value: "a\tb", Reason: "contains a tab (U+0009)"}, `--first-name "a\tb" contains a tab (U+0009)`},
		{&reply.TextError{Field: reply.FieldValue, Key: "skill", Value: "x\ty", Reason: "contains a tab (U+0009)"}, `--set "skill": value "x\ty" contains a tab (U+0009)`},
		{&reply.ClashError{Template: "a/b/c", Fields: []reply.Field{reply.FieldKind, reply.FieldTone}}, "--template a/b/c already chooses the kind, relationship and tone: drop --kind and --tone"},
		{&reply.ChoiceError{What: "kind", Value: "hug", Valid: []string{"a", "b"}}, `unknown kind "hug" (choose one of: a, b)`},
	} {
		got := flagError(tc.err)
		var usage *UsageError
		if !errors.As(got, &usage) || usage.Msg != tc.want {
			t.Errorf("flagError(%T) = %v, want usage error %q", tc.err, got, tc.want)
		}
		if !errors.Is(got, tc.err) {
			t.Errorf("flagError(%T) lost its cause", tc.err)
		}
	}
	// A bad configured value is not a usage error: it names the file.
	cfgErr := &reply.ChoiceError{What: "tone", Value: "x", Valid: []string{"warm"}, Config: "/c.yaml"}
	var usage *UsageError
	if errors.As(flagError(cfgErr), &usage) {
		t.Errorf("a configured value was called a usage error")
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&batch.ExistsError{Path: "out/scott.txt"}, "out/scott.txt already exists (use --force to replace it)"},
		{&reply.MissingError{Fields: []reply.Field{reply.FieldRelationship}, Kind: "endorsement", Relationships: []string{"stranger", "social"}},
			"no relationship: fill in the relationship column or give --relationship (for endorsement, one of: stranger, social)"},
		{&reply.UnknownTemplateError{ID: "x/y"}, `unknown template "x/y" (see 'decline templates list')`},
	} {
		if got := columnError(tc.err); got != tc.want {
			t.Errorf("columnError(%T) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
