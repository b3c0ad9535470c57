package batch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// On Linux the files go through the directory's own descriptor, so
// TestDir checks those system calls: make sure they are the ones used.
func TestDirUsesItsDescriptor(t *testing.T) {
	d, err := OpenDir(filepath.Join(t.TempDir(), "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Write("a.txt", []byte("one\n")); err != nil {
		t.Fatal(err)
	}
	if d.fast.dir == nil || !d.fast.usable("a.txt") {
		t.Error("the directory's descriptor is not in use")
	}
}

// TestDirWritesUnnamedFiles: a reply file has no name until it is whole
// (O_TMPFILE), then is linked in, refusing to replace a file, whether
// the kernel links the descriptor itself or through /proc/self/fd.
func TestDirWritesUnnamedFiles(t *testing.T) {
	for _, proc := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "out")
		d, err := OpenDir(path, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Write("a.txt", []byte("one\n")); err != nil {
			t.Fatal(err)
		}
		d.fast.procLink = d.fast.procLink || proc
		if err := d.Write("b.txt", []byte("two\n")); err != nil {
			t.Fatal(err)
		}
		if err := d.Write("a.txt", []byte("three\n")); !errors.Is(err, ErrExists) {
			t.Errorf("writing a.txt again: %v, want ErrExists", err)
		}
		if d.fast.noTmpfile {
			t.Skip("this file system has no O_TMPFILE")
		}
		d.Close()
		assertFiles(t, path, map[string]string{"a.txt": "one\n", "b.txt": "two\n"})
		if d.Written() != 2 {
			t.Errorf("Written = %d, want 2", d.Written())
		}
	}
}

// TestDirListsOnce: the names of an existing directory are read once,
// not asked file by file; a file made after that is still never
// replaced, but refused when the reply is written.
func TestDirListsOnce(t *testing.T) {
	path := t.TempDir()
	if err := os.WriteFile(filepath.Join(path, "a.txt"), []byte("mine\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if ok, err := d.Exists("a.txt"); !ok || err != nil {
		t.Fatalf("Exists(a.txt) = %v, %v", ok, err)
	}
	if d.listed == nil {
		t.Fatal("the directory's names were not listed")
	}
	if err := os.WriteFile(filepath.Join(path, "b.txt"), []byte("theirs\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("b.txt", []byte("reply\n")); !errors.Is(err, ErrExists) {
		t.Errorf("Write(b.txt) over a file made meanwhile: %v, want ErrExists", err)
	}
	if err := d.Write("c.txt", []byte("reply\n")); err != nil {
		t.Fatal(err)
	}
	if ok, _ := d.Exists("c.txt"); !ok {
		t.Error("a file written is not listed")
	}
	assertFiles(t, path, map[string]string{"a.txt": "mine\n", "b.txt": "theirs\n", "c.txt": "reply\n"})
}
