package reply

import (
	"errors"
	"testing"
)

// TestValues: kinds, relationships and tones as people write them, and a
// suggestion for a typo.
func TestValues(t *testing.T) {
	v := NewValuesOf(defaults(t))
	for _, tc := range []struct{ what, in, want, suggest string }{
		{WhatKind, "recommendation", "recommendation", ""},
		{WhatKind, "RECOMMENDATION", "recommendation", ""},
		{WhatKind, "LinkedIn recommendation", "recommendation", ""},
		{WhatKind, "Skill endorsement", "endorsement", ""},
		{WhatKind, "endorsements", "endorsement", ""},
		{WhatKind, "A job reference", "reference", ""},
		{WhatKind, "intro", "introduction", ""},
		{WhatRelationship, "No Business", "no-business", ""},
		{WhatRelationship, "no_business", "no-business", ""},
		{WhatRelationship, "We have never met", "stranger", ""},
		{WhatRelationship, "worked briefly", "worked-briefly", ""},
		{WhatTone, "Formal", "formal", ""},
		{WhatTone, "professional", "formal", ""},
		{WhatRelationship, "socail", "", "social"},
		{WhatRelationship, "strnger", "", "stranger"},
		{WhatKind, "endorsment", "", "endorsement"},
		{WhatKind, "hug", "", ""},
		{WhatRelationship, "", "", ""},
	} {
		got, err := v.Resolve(tc.what, tc.in)
		var ce *ChoiceError
		switch {
		case tc.want == "" && tc.in != "":
			if !errors.As(err, &ce) || ce.Suggest != tc.suggest || ce.Value != tc.in {
				t.Errorf("%s %q: got %q, %v; want an error suggesting %q and quoting the value", tc.what, tc.in, got, err, tc.suggest)
			}
		case err != nil || got != tc.want:
			t.Errorf("%s %q: got %q, %v; want %q", tc.what, tc.in, got, err, tc.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"social", "socail", 1}, {"stranger", "strnger", 1}, {"abc", "abc", 0}, {"kitten", "sitting", 3}, {"a", "abcdef", 4}} {
		if got := editDistance(tc.a, tc.b, 4); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
