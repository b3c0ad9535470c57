package batch

import (
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
