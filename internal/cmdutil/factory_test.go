package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/iostreams"
)

// TestInterruptCleanups: an interrupt runs the clean-ups registered at
// that moment, and no others, and marks the run as exiting.
func TestInterruptCleanups(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	f := New(ios, func(string) string { return "" })
	var ran []string
	f.OnInterrupt(func() { ran = append(ran, "kept") })
	remove := f.OnInterrupt(func() { ran = append(ran, "removed") })
	remove()
	if f.Exiting() {
		t.Fatal("exiting before any interrupt")
	}
	release := f.holdInterrupts()
	if !f.interruptsHeld() {
		t.Error("interrupts not held while an editor runs")
	}
	release()
	if f.interruptsHeld() {
		t.Error("interrupts still held after release")
	}
	f.interrupted()
	if strings.Join(ran, ",") != "kept" || !f.Exiting() {
		t.Errorf("ran %v, exiting %v; want only the registered clean-up, and exiting", ran, f.Exiting())
	}
}

// TestLoadCatalogHint: a named directory with several problems says how
// to list them all; one problem is only itself.
func TestLoadCatalogHint(t *testing.T) {
	dir := t.TempDir()
	ios, _, _, _ := iostreams.Test()
	f := New(ios, func(string) string { return "" })
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(dir, "t.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("templates:\n  - id: a/b\n    bogus: 1\n    body: x\n  - id: c/d\n    bogus: 2\n    body: x\n")
	if _, err := f.LoadCatalog([]string{dir}); err == nil || !strings.HasSuffix(err.Error(), "; run 'decline templates lint' to see them all)") {
		t.Errorf("several problems: %v", err)
	}
	write("templates:\n  - id: a/b\n    bogus: 1\n    body: x\n")
	if _, err := f.LoadCatalog([]string{dir}); err == nil || strings.Contains(err.Error(), "templates lint") {
		t.Errorf("one problem: %v", err)
	}
}

// TestLoadCatalogSkipsBrokenUserFile: a broken file in the user's own
// directory is left out with one warning, however often the catalog is
// loaded, and the good file beside it is read.
func TestLoadCatalogSkipsBrokenUserFile(t *testing.T) {
	home := t.TempDir()
	env := func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return home
		}
		return ""
	}
	dir := filepath.Join(home, "decline", "templates")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"bad.yaml":  "templates:\n  - id: a/b\n    bogus: 1\n    body: x\n",
		"good.yaml": "templates:\n  - id: mine/good\n    body: x\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ios, _, _, stderr := iostreams.Test()
	f := New(ios, env)
	for range 2 {
		cat, err := f.LoadCatalog(nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := cat.Get("mine/good"); !ok {
			t.Error("the good file was not read")
		}
		if _, ok := cat.Get("a/b"); ok {
			t.Error("the broken file was read")
		}
	}
	want := "decline: skipping " + filepath.Join(dir, "bad.yaml") + ":3: "
	if got := stderr.String(); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "; run 'decline templates lint'\n") {
		t.Errorf("stderr = %q, want one line starting %q", got, want)
	}
}
