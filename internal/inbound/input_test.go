package inbound

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestInputStdinMbox reads standard input's mailbox twice, from a copy
// that Close removes, and a single message once, without a copy.
func TestInputStdinMbox(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	mbox := "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: one\n\nhi\n\n" +
		"From b@example.com Mon Jan  1 00:00:00 2024\nFrom: b@example.com\nSubject: two\n\nhi\n"
	in, err := Open("-", strings.NewReader(mbox), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !in.Many() {
		t.Fatal("two messages read as one")
	}
	// The copy is removed while open, so that a killed run leaves none.
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); runtime.GOOS != "windows" && len(left) != 0 {
		t.Errorf("the copy of standard input is still in the temporary directory: %d files", len(left))
	}
	for pass := range 2 {
		var got []string
		for m, err := range in.Messages() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, m.Where+" "+m.Subject)
		}
		if strings.Join(got, ",") != "-:1 one,-:7 two" {
			t.Errorf("pass %d read %q", pass, got)
		}
	}
	if err := in.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("Close left %d files behind", len(left))
	}

	in, err = Open("", strings.NewReader("From: a@example.com\nSubject: one\n\nhi\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.One(); in.Many() || err != nil || m.Subject != "one" {
		t.Errorf("one message: many %v, %v, %v", in.Many(), m, err)
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("a single message was copied: %d files", len(left))
	}
}

// TestInputMissing words a missing file in one line naming it.
func TestInputMissing(t *testing.T) {
	_, err := Open("testdata/nosuch.eml", nil, nil)
	if err == nil || err.Error() != "cannot read testdata/nosuch.eml: no such file or directory" {
		t.Errorf("Open = %v", err)
	}
}

// TestInputWarnsOnce tells of a Maildir entry that holds no message once,
// however often the messages are read.
func TestInputWarnsOnce(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"cur/sub", "new", "tmp"} {
		if err := os.MkdirAll(dir+"/"+sub, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"1", "2"} {
		if err := os.WriteFile(dir+"/cur/"+name, []byte("From: a@example.com\n\nhi\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	warned := 0
	in, err := Open(dir, nil, func(error) { warned++ })
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range 2 {
		for _, err := range in.Messages() {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	if !in.Many() || n != 4 || warned != 1 {
		t.Errorf("many %v, %d messages in two passes, %d warnings; want true, 4, 1", in.Many(), n, warned)
	}
}

// TestInputChanged reads a mailbox as it was when opened, whatever is
// appended to it later, and Changed says that it was; a Maildir that
// gains a message between passes is reported too, and an unchanged
// mailbox is not.
func TestInputChanged(t *testing.T) {
	one := "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: one\n\nhi\n\n"
	path := t.TempDir() + "/in.mbox"
	if err := os.WriteFile(path, []byte(one+strings.Replace(one, "one", "two", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := Open(path, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		n := 0
		for _, err := range in.Messages() {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		return n
	}
	if n := count(); n != 2 || in.Changed() != nil {
		t.Fatalf("unchanged mailbox: %d messages, Changed() = %v; want 2, nil", n, in.Changed())
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(strings.Replace(one, "one", "three", 1)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if n := count(); n != 2 {
		t.Errorf("after an append, a pass read %d messages, want the 2 of the first pass", n)
	}
	err = in.Changed()
	var ce *ChangedError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "mailbox "+path+" changed while it was being read") || strings.Contains(err.Error(), "\n") {
		t.Errorf("Changed() = %v, want one line naming the mailbox", err)
	}

	dir := t.TempDir()
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.Mkdir(dir+"/"+sub, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"1", "2"} {
		if err := os.WriteFile(dir+"/cur/"+name, []byte("From: a@example.com\n\nhi\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if in, err = Open(dir, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := in.Changed(); err != nil {
		t.Errorf("unchanged Maildir: %v", err)
	}
	// A directory's time may have a coarse grain: the new entry is
	// dated later by hand, as a delivery a little later would be.
	if err := os.WriteFile(dir+"/new/3", []byte("From: b@example.com\n\nhi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(dir+"/new", later, later); err != nil {
		t.Fatal(err)
	}
	if err := in.Changed(); !errors.As(err, &ce) || !strings.Contains(err.Error(), "Maildir") {
		t.Errorf("Maildir with a new message: Changed() = %v", err)
	}
}
