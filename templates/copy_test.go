package templates

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
)

func TestCopyTo(t *testing.T) {
	paths, err := fs.Glob(FS, catalog.DefaultLang+"/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := len(paths) - 1 // all but the locale
	dir := filepath.Join(t.TempDir(), "new", "templates")

	got, err := CopyTo(dir, false)
	if err != nil || got != (Copied{Files: want}) {
		t.Fatalf("CopyTo into a new directory = %+v, %v; want %d files", got, err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, catalog.LocaleFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the locale was copied too (%v)", err)
	}
	l, err := catalog.ReadDir(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := catalog.New(Layer(), l); err != nil {
		t.Errorf("the copied files do not load: %v", err)
	}

	mine := filepath.Join(dir, "endorsement.yaml")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = CopyTo(dir, false)
	var exists *ExistsError
	if !errors.As(err, &exists) || len(exists.Names) != want {
		t.Fatalf("CopyTo over the copies = %v; want an ExistsError naming %d files", err, want)
	}
	if data, _ := os.ReadFile(mine); string(data) != "mine" {
		t.Errorf("a refused copy changed %s", mine)
	}
	if got, err := CopyTo(dir, true); err != nil || got != (Copied{Files: want, Replaced: want}) {
		t.Errorf("CopyTo with overwrite = %+v, %v; want %d files, all replaced", got, err, want)
	}
	if data, _ := os.ReadFile(mine); string(data) == "mine" {
		t.Errorf("overwrite left %s as it was", mine)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
