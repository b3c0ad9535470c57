package batch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBatchSourceRefusesAChangedFile: a file that changes between the
// checking pass and the writing pass is refused before anything is
// written, since its new rows were never checked.
func TestBatchSourceRefusesAChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "requests.csv")
	if err := os.WriteFile(path, []byte("name,relationship\nScott,stranger\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := OpenSource(path, nil, SourceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	in, err := src.open() // the checking pass
	if err != nil {
		t.Fatal(err)
	}
	in.Close()
	if err := os.WriteFile(path, []byte("name,relationship\nScott,stranger\nEve,\x1b]52;c;x\a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, time.Now().Add(time.Second), time.Now().Add(time.Second))
	_, err = src.open() // the writing pass
	if err == nil || !strings.Contains(err.Error(), "changed while it was being checked; nothing was written, run again") {
		t.Fatalf("second open: %v, want the file refused as changed", err)
	}
}

// TestRunOpen: an output that is the input is a SameFileError; an output
// directory is opened as Dir, and close closes it, and the interrupt
// hook it registered is removed.
func TestRunOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "requests.csv")
	if err := os.WriteFile(path, []byte("name,relationship\nScott,stranger\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var r Run
	if _, err := r.Open(path, nil, SourceOptions{}, path, "", false); !errors.As(err, new(*SameFileError)) {
		t.Fatalf("output = input: %v (%T), want a SameFileError", err, err)
	}
	hooks := 0
	onInterrupt := func(func()) func() {
		hooks++
		return func() { hooks-- }
	}
	closeAll, err := r.Open(path, nil, SourceOptions{OnInterrupt: onInterrupt}, "", filepath.Join(dir, "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	if r.Source == nil || r.Dir == nil || hooks != 1 {
		t.Fatalf("source %v, dir %v, %d interrupt hooks; want both opened and one hook", r.Source, r.Dir, hooks)
	}
	closeAll()
	if hooks != 0 {
		t.Errorf("%d interrupt hooks left after close", hooks)
	}
}
