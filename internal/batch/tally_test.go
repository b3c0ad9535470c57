package batch

import (
	"path/filepath"
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
	tally := Tally{Catalog: cat}
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

// The counts follow the order of the replies' own locale, which a
// language's locale.yaml gives: the test language xx lists its tones
// soft before hard.
func TestTallyLocaleOrder(t *testing.T) {
	l, err := catalog.ReadDir(filepath.Join("..", "catalog", "testdata", "tree"), false)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(templates.Layer(), l)
	if err != nil {
		t.Fatal(err)
	}
	loc := cat.Locale("xx")
	if len(loc.Tones) < 2 || loc.Tones[0].ID < loc.Tones[1].ID {
		t.Fatalf("the test needs xx's first tone to sort after its second: %v", loc.Tones)
	}
	tally := Tally{Catalog: cat}
	var want []string
	for _, tone := range loc.Tones {
		found := false
		for _, tmpl := range cat.All() {
			if tmpl.Lang == "xx" && tmpl.Tone == tone.ID {
				tally.Add(tmpl)
				found = true
				break
			}
		}
		if found {
			want = append(want, tone.ID)
		}
	}
	var got []string
	for _, c := range tally.Tones() {
		got = append(got, c.ID)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") || len(want) < 2 {
		t.Errorf("tones in order %v, want the locale's %v", got, want)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1048576": 1 << 20, "64k": 64 << 10, "500MiB": 500 << 20, "4GiB": 4 << 30, " 1G ": 1 << 30} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "-1", "9999999999T", "1.5G"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) took it", in)
		}
	}
}
