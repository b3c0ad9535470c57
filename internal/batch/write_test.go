package batch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestChooseFormat(t *testing.T) {
	dir := t.TempDir()
	unicodeTxt, plainTxt := filepath.Join(dir, "unicode.txt"), filepath.Join(dir, "plain.txt")
	os.WriteFile(unicodeTxt, []byte("\xff\xfen\x00a\x00"), 0o666)
	os.WriteFile(plainTxt, []byte("name\tkind\n"), 0o666)
	for _, tc := range []struct {
		given, path string
		want        Format
		wantGiven   bool // a *FormatError about the given format
	}{
		{"", "", CSV, false},
		{"", "-", CSV, false},
		{"", "rows.TSV", TSV, false},
		{"", "rows.ndjson", JSONL, false},
		{"tsv", "rows.csv", TSV, false},
		{"xls", "rows.csv", "", true},
		{"", filepath.Join(dir, "rows.txt.bak"), "", false},
		// Excel's "Unicode Text": UTF-16 with a byte order mark, tabs.
		{"", unicodeTxt, TSV, false},
		{"", plainTxt, "", false},
	} {
		got, err := ChooseFormat(tc.given, tc.path)
		var fe *FormatError
		if tc.want == "" {
			if !errors.As(err, &fe) || (fe.Given != "") != tc.wantGiven {
				t.Errorf("ChooseFormat(%q, %q) = %q, %v; want a *FormatError", tc.given, tc.path, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ChooseFormat(%q, %q) = %q, %v; want %q", tc.given, tc.path, got, err, tc.want)
		}
	}
}

// TestWriteAllChanged: a file that gives other rows on the writing pass
// than on the checking pass is a *ChangedError, not a quiet success.
func TestWriteAllChanged(t *testing.T) {
	r := &Run{Source: &Source{Name: "in.csv"}, checked: Counts{Rows: 3, Bad: 1}}
	if err := r.compare(Counts{Rows: 3, Bad: 1}); err != nil {
		t.Fatalf("same counts: %v", err)
	}
	var ce *ChangedError
	if err := r.compare(Counts{Rows: 4, Bad: 1}); !errors.As(err, &ce) {
		t.Fatalf("more rows: %v, want a *ChangedError", err)
	}
	if r.Good() != 2 {
		t.Errorf("Good() = %d, want 2", r.Good())
	}
}

func TestStoppedString(t *testing.T) {
	if got, want := (Stopped{Written: 2, Total: 5}).String(), "stopped after writing 2 of 5 replies, each whole"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := (Stopped{Written: 2, Total: 5, Cut: true}).String(); got == (Stopped{Written: 2, Total: 5}).String() {
		t.Errorf("a cut reply is not said: %q", got)
	}
}
