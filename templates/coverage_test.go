package templates_test

import (
	"slices"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// TestLanguagesHaveEnglishPairs holds every built-in language to the
// English catalog: the same kinds, relationships and tones, no more and no
// fewer, so that a half-written language never ships (a reply in it would
// fail for the pairs it lacks rather than fall back to English unnoticed).
func TestLanguagesHaveEnglishPairs(t *testing.T) {
	type key struct{ kind, rel, tone string }
	byLang := map[string]map[key]bool{}
	for _, s := range templates.Specs() {
		if byLang[s.Lang] == nil {
			byLang[s.Lang] = map[key]bool{}
		}
		byLang[s.Lang][key{s.Kind, s.Relationship, s.Tone}] = true
	}
	english := byLang[catalog.DefaultLang]
	if len(english) == 0 {
		t.Fatal("no English templates")
	}
	for _, l := range templates.Locales {
		have := byLang[l.Lang]
		for k := range english {
			if !have[k] {
				t.Errorf("%s lacks %s/%s/%s, which English has", l.Lang, k.kind, k.rel, k.tone)
			}
		}
		for k := range have {
			if !english[k] {
				t.Errorf("%s has %s/%s/%s, which English lacks", l.Lang, k.kind, k.rel, k.tone)
			}
		}
		if got, want := catalog.IDs(l.Tones), catalog.IDs(templates.English.Tones); !slices.Equal(got, want) {
			t.Errorf("%s offers the tones %v, English %v", l.Lang, got, want)
		}
	}
}
