package cli_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchInterruptOutputFile: Ctrl-C while -o FILE is being written
// says once, in one line, that nothing was written to FILE, and FILE and
// its temporary file are not there.
func TestBatchInterruptOutputFile(t *testing.T) {
	input := bigBatch(t, 300000)
	dir := t.TempDir()
	out := filepath.Join(dir, "replies.jsonl")
	cmd := declineCmd(t, "batch", input, "-o", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitForFile(t, dir, ".replies.jsonl.*.tmp")
	cmd.Process.Signal(syscall.SIGINT)
	cmd.Wait()
	if cmd.ProcessState.ExitCode() == 0 {
		t.Skip("decline finished before the signal came")
	}
	want := "decline: stopped; nothing was written to " + out + ", which appears only once every reply is in it; run the same command again to write them all\n"
	if stderr.String() != want {
		t.Errorf("standard error %q, want only %q", stderr.String(), want)
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("left in the directory: %v", left)
	}
}

// TestBatchInterruptOutputPipe: -o names a pipe, which is written in
// place; Ctrl-C says how many replies went into it, not that nothing
// was written.
func TestBatchInterruptOutputPipe(t *testing.T) {
	input := bigBatch(t, 20000)
	fifo := filepath.Join(t.TempDir(), "replies.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	cmd := declineCmd(t, "batch", input, "-o", fifo)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	f, err := os.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Read a little, so that decline waits to write the rest.
	r := bufio.NewReader(f)
	if _, err := r.ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	rest, _ := io.ReadAll(r)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Fatalf("exit %d, want 130; stderr %q", code, stderr.String())
	}
	n := 1 + strings.Count(string(rest), "\n")
	want := fmt.Sprintf("decline: stopped after writing %d of 20000 replies to %s, each whole\n", n, fifo)
	if stderr.String() != want {
		t.Errorf("standard error %q, want only %q", stderr.String(), want)
	}
}
