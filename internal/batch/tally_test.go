package batch

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

func TestTallySummary(t *testing.T) {
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	var tally Tally
	for _, id := range []string{"recommendation/stranger/warm", "recommendation/social/warm", "endorsement/stranger/brief"} {
		tmpl, ok := cat.Get(id)
		if !ok {
			t.Fatalf("no template %s", id)
		}
		tally.Add(tmpl)
	}
	var b strings.Builder
	tally.Summary(&b, "r.csv", "out", Counts{Rows: 4, Bad: 1})
	want := "r.csv: 4 rows, 3 replies ready for out, 1 row with a problem; nothing was written (dry run)\n" +
		"  kind          recommendation 2, endorsement 1\n" +
		"  relationship  stranger 2, social 1\n" +
		"  tone          warm 2, brief 1\n"
	if b.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", b.String(), want)
	}
}
