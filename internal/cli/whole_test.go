package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bigBatch writes a CSV file of n rows and returns its path.
func bigBatch(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString("name,email,relationship\n")
	for i := range n {
		fmt.Fprintf(&b, "Person %d,p%d@example.com,stranger\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wholeJSONL checks that out is whole JSON Lines replies, and returns
// how many.
func wholeJSONL(t *testing.T, out []byte) int {
	t.Helper()
	if len(out) > 0 && out[len(out)-1] != '\n' {
		t.Errorf("the output ends inside a reply: %q", out[max(0, len(out)-80):])
	}
	n := 0
	for line := range bytes.Lines(out) {
		if !json.Valid(line) {
			t.Errorf("line %d is not a whole reply: %.80q", n+1, line)
		}
		n++
	}
	return n
}

// TestBatchWritesWholeReplies: a full disk, or a signal while standard
// output is a slow pipe, used to leave a reply cut in the middle (an mbox
// draft cut mid-sentence could be sent). Replies are written whole, a
// file is cut back to the last whole one, and standard error says how
// many there are.
func TestBatchWritesWholeReplies(t *testing.T) {
	csv := bigBatch(t, 3000)
	wrote := regexp.MustCompile(`; (\d+) of 3000 replies were written, each whole\n$`)

	t.Run("dev full", func(t *testing.T) {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skipf("no /dev/full: %v", err)
		}
		defer full.Close()
		cmd := declineCmd(t, "batch", csv)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &stderr
		if err := cmd.Run(); cmd.ProcessState.ExitCode() != 1 || stderr.String() != "decline: cannot write the replies: no space left on device; 0 of 3000 replies were written, each whole\n" {
			t.Errorf("%v: %q", err, stderr.String())
		}
	})

	t.Run("file size limit", func(t *testing.T) {
		// ulimit -f makes a write that crosses the limit a short one,
		// as a disk that fills up does.
		out := filepath.Join(t.TempDir(), "out.jsonl")
		cmd := declineCmd(t)
		cmd.Path, cmd.Args = "/bin/sh", []string{"sh", "-c", `ulimit -f 200 && exec "$0" batch "$1" > "$2"`, os.Args[0], csv, out}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		m := wrote.FindStringSubmatch(stderr.String())
		if cmd.ProcessState.ExitCode() != 1 || m == nil || !strings.HasPrefix(stderr.String(), "decline: cannot write the replies: file too large; ") {
			t.Fatalf("%v: %q", err, stderr.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if n := wholeJSONL(t, data); fmt.Sprint(n) != m[1] {
			t.Errorf("the file holds %d replies; standard error says %s", n, m[1])
		}
	})

	t.Run("SIGTERM into a slow pipe", func(t *testing.T) {
		cmd := declineCmd(t, "batch", csv)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		// Take a little, so that decline is in the middle of a write,
		// then signal it and read the rest.
		r := bufio.NewReaderSize(stdout, 1024)
		head := make([]byte, 100)
		if _, err := io.ReadFull(r, head); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		rest, _ := io.ReadAll(r)
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != 143 {
			t.Errorf("exit %d, want 143 (SIGTERM); stderr %q", code, stderr.String())
		}
		n := wholeJSONL(t, append(head, rest...))
		if want := fmt.Sprintf("decline: stopped after writing %d of 3000 replies, each whole\n", n); stderr.String() != want {
			t.Errorf("stderr %q, want %q", stderr.String(), want)
		}
		if n == 0 || n == 3000 {
			t.Errorf("%d replies: the signal did not come while writing", n)
		}
	})
}
