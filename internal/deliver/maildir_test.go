package deliver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveDraft(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveDraft(dir, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a Maildir") {
		t.Fatalf("a directory with files but without cur/new/tmp: %v", err)
	}
	if _, err := SaveDraft(notes, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a Maildir") {
		t.Fatalf("a file: %v", err)
	}
	if err := os.Remove(notes); err != nil {
		t.Fatal(err)
	}
	// An empty directory is made a Maildir, as mutt and aerc do.
	msg := []byte("Subject: Hi\n\nBody\n")
	a, err := SaveDraft(dir, msg)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || fi.Mode().Perm() != 0o700 {
			t.Fatalf("%s: %v %v", sub, fi, err)
		}
	}
	b, err := SaveDraft(dir, msg)
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatalf("two drafts share a name: %s", a)
	}
	for _, p := range []string{a, b} {
		if filepath.Dir(p) != filepath.Join(dir, "cur") || !strings.HasSuffix(p, ":2,D") {
			t.Errorf("draft saved as %s, want cur/...:2,D", p)
		}
		if got, err := os.ReadFile(p); err != nil || string(got) != string(msg) {
			t.Errorf("draft holds %q (%v)", got, err)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(left) != 0 {
		t.Errorf("tmp/ still holds %d files", len(left))
	}
}
