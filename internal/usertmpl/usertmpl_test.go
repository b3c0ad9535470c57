package usertmpl

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

func newDir(t *testing.T) *Dir {
	t.Helper()
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	return &Dir{Path: t.TempDir(), Catalog: cat, Lang: catalog.DefaultLang, Log: io.Discard, Check: "Check it."}
}

// TestNewThenExists: a copy is written under the new id, with the
// caller's check sentence on its first line, and passes lint; a second
// copy to the same file is an ExistsError.
func TestNewThenExists(t *testing.T) {
	d := newDir(t)
	file, src, _, err := d.New("mine/thanks", "recommendation/stranger/warm")
	if err != nil {
		t.Fatal(err)
	}
	if src.ID != "recommendation/stranger/warm" || !strings.HasPrefix(file, d.Path) {
		t.Errorf("copied %s into %s, want recommendation/stranger/warm under %s", src.ID, file, d.Path)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(string(data), "\n"); !strings.HasSuffix(first, ". Check it.") {
		t.Errorf("first line %q does not end with the check sentence", first)
	}
	if err := d.Lint(file, "mine/thanks"); err != nil {
		t.Errorf("lint of a plain copy: %v", err)
	}
	_, _, _, err = d.New("mine/thanks", "recommendation/stranger/warm")
	var exists *ExistsError
	if !errors.As(err, &exists) || exists.ID != "mine/thanks" {
		t.Errorf("second copy: %v (%T), want an ExistsError for mine/thanks", err, err)
	}
	if _, _, _, err := d.New("mine/other", "no/such/template"); !errors.As(err, new(*UnknownError)) {
		t.Errorf("copy of an unknown template: %v (%T), want an UnknownError", err, err)
	}
}

// TestEditRestoresBroken: an edit that leaves the file unreadable is
// undone, and the edit is kept beside it in a dotfile the error names.
func TestEditRestoresBroken(t *testing.T) {
	d := newDir(t)
	var before []byte
	_, err := d.Edit("recommendation/stranger/warm", func(file string) error {
		var err error
		if before, err = os.ReadFile(file); err != nil {
			return err
		}
		return os.WriteFile(file, []byte("templates: [\n"), 0o600)
	})
	if err == nil || !strings.Contains(err.Error(), "your edit is kept in") {
		t.Fatalf("err %v, want one saying where the edit is kept", err)
	}
	file := d.File("recommendation/stranger/warm")
	if now, _ := os.ReadFile(file); string(now) != string(before) {
		t.Errorf("the file was not put back:\n%s", now)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".edit-*"))
	if len(kept) != 1 {
		t.Errorf("kept edits %v, want one", kept)
	}
}

// TestLintProblems: a copy that no longer reads is a ProblemsError
// naming the file within the directory and the count.
func TestLintProblems(t *testing.T) {
	d := newDir(t)
	file, _, _, err := d.New("mine/thanks", "recommendation/stranger/warm")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("templates: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var problems *ProblemsError
	if err := d.Lint(file, "mine/thanks"); !errors.As(err, &problems) || problems.N == 0 || problems.Rel != filepath.Base(file) {
		t.Errorf("lint: %v (%T), want a ProblemsError for %s", err, err, filepath.Base(file))
	}
}
