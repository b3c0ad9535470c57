package templates_test

import (
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// The compiled defaults are a checked layer, which New takes without
// checking again: the catalog must be the one a full check builds, alone
// and under a layer that replaces one of its templates.
func TestCheckedLayerBuildsTheSameCatalog(t *testing.T) {
	first := templates.Specs()[0]
	mine := first
	mine.Subject = "Mine"
	over := catalog.Layer{Templates: catalog.FromSpecs([]catalog.Spec{mine}, "mine")}
	for _, later := range [][]catalog.Layer{nil, {{}}, {over}} {
		checked := templates.Layer()
		if !checked.Checked {
			t.Fatal("templates.Layer is not marked checked")
		}
		unchecked := templates.Layer()
		unchecked.Checked = false
		a, err := catalog.New(append([]catalog.Layer{checked}, later...)...)
		if err != nil {
			t.Fatal(err)
		}
		b, err := catalog.New(append([]catalog.Layer{unchecked}, later...)...)
		if err != nil {
			t.Fatal(err)
		}
		ta, tb := a.All(), b.All()
		if len(ta) != len(tb) {
			t.Fatalf("%d templates checked, %d unchecked", len(ta), len(tb))
		}
		for i := range ta {
			if ta[i].Lang != tb[i].Lang || ta[i].ID != tb[i].ID || ta[i].Source != tb[i].Source {
				t.Fatalf("template %d: %s/%s from %s checked, %s/%s from %s unchecked", i, ta[i].Lang, ta[i].ID, ta[i].Source, tb[i].Lang, tb[i].ID, tb[i].Source)
			}
		}
		for _, s := range templates.Specs() {
			k := catalog.Key{Lang: s.Lang, Kind: s.Kind, Relationship: s.Relationship, Tone: s.Tone}
			x, errA := a.Find(k)
			y, errB := b.Find(k)
			if (errA == nil) != (errB == nil) || x != nil && y != nil && (x.ID != y.ID || x.Source != y.Source) {
				t.Fatalf("Find(%v): %v, %v checked; %v, %v unchecked", k, x, errA, y, errB)
			}
			if replacing := len(later) == 1 && len(later[0].Templates) == 1; replacing && s.ID == first.ID && s.Lang == first.Lang && (errA != nil || x.Source != "mine") {
				t.Fatalf("Find(%v) = %v, %v: not the later layer's template", k, x, errA)
			}
		}
	}
}
