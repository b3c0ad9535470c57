package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "replies", "2026")
	d, err := OpenDir(path, false)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing exists yet, and checking does not create the directory.
	if ok, err := d.Exists("a.txt"); ok || err != nil {
		t.Fatalf("Exists = %v, %v", ok, err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the directory was created by a check: %v", err)
	}
	if err := d.Write("a.txt", []byte("one\n")); err != nil {
		t.Fatal(err)
	}
	if ok, _ := d.Exists("a.txt"); !ok {
		t.Fatal("a.txt does not exist after Write")
	}
	// An existing file is never replaced without Replace.
	err = d.Write("a.txt", []byte("two\n"))
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second Write: %v, want ErrExists", err)
	}
	assertFiles(t, path, map[string]string{"a.txt": "one\n"})
	d.Close()

	d, err = OpenDir(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Write("a.txt", []byte("two\n")); err != nil {
		t.Fatal(err)
	}
	assertFiles(t, path, map[string]string{"a.txt": "two\n"})

	// A dangling link counts as existing and is not followed.
	os.Symlink(filepath.Join(path, "elsewhere"), filepath.Join(path, "b.txt"))
	if ok, _ := d.Exists("b.txt"); !ok {
		t.Error("a dangling link does not count as existing")
	}
	d.Close()

	// Nor is it replaced, or followed, by a write; and no temporary
	// file is left behind.
	d, err = OpenDir(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("b.txt", []byte("three\n")); !errors.Is(err, ErrExists) {
		t.Errorf("Write over a dangling link: %v, want ErrExists", err)
	}
	if _, err := os.Lstat(filepath.Join(path, "elsewhere")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Write followed a dangling link: %v", err)
	}
	if err := d.Write("c.txt", []byte("four\n")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(path)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := "a.txt b.txt c.txt"; strings.Join(names, " ") != want {
		t.Errorf("the directory holds %q, want %q", names, want)
	}
	// A name that is not a plain one in the directory cannot leave it.
	if err := d.Write("../d.txt", []byte("five\n")); err == nil {
		t.Error("Write of ../d.txt worked")
	}
	if _, err := os.Lstat(filepath.Join(path, "..", "d.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Write of ../d.txt left the directory: %v", err)
	}
	d.Close()
	if err := d.Write("c.txt", nil); err == nil {
		t.Error("Write after Close worked")
	}
}

func TestOpenDirNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o666)
	if _, err := OpenDir(file, false); err == nil || err.Error() != "the output directory "+file+" is not a directory" {
		t.Errorf("OpenDir on a file: %v", err)
	}
}

// assertFiles checks that a directory holds exactly these files: no
// temporary file is left behind.
func assertFiles(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("directory holds %v, want %d files", names, len(want))
	}
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != content {
			t.Errorf("%s = %q, %v; want %q", name, got, err, content)
		}
	}
}
