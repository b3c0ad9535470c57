package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchInterruptRemovesSpool stops decline with Ctrl-C (SIGINT) while
// it is still saving standard input for its two passes: it exits 130,
// prints nothing on standard output, and leaves no temporary file.
func TestBatchInterruptRemovesSpool(t *testing.T) {
	tmp := t.TempDir()
	cmd := declineCmd(t, "batch", "-")
	cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// Some rows, with standard input left open: decline is still reading.
	if _, err := stdin.Write([]byte("name,relationship\nScott,stranger\n")); err != nil {
		t.Fatal(err)
	}
	spool := waitForFile(t, tmp, "decline-batch-*.in")
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("exit: %v, want status 130; stderr: %s", err, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("standard output: %q, want nothing", stdout.String())
	}
	if _, err := os.Stat(spool); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the spool file %s was left behind (%v)", spool, err)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("files left in TMPDIR: %v", left)
	}
}

// declineCmd runs decline as a separate process, with a home of its own
// and no configuration.
func declineCmd(t *testing.T, args ...string) *exec.Cmd {
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), ptyMainEnv+"=1", "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "DECLINE_CONFIG=", "DECLINE_ACCESSIBLE=")
	return cmd
}

// waitForFile waits (at most 15 seconds) for a file matching pattern to
// appear in dir.
func waitForFile(t *testing.T, dir, pattern string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(dir, pattern)); len(m) > 0 {
			return m[0]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %s appeared in %s", pattern, dir)
	return ""
}

// TestBatchInterruptOutDir stops decline with Ctrl-C, kill (SIGTERM) or
// a closed terminal (SIGHUP) while it writes an output directory: every
// file there is whole, no temporary file is left, and the exit status
// says which signal ended it.
func TestBatchInterruptOutDir(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		t.Run(c.sig.String(), func(t *testing.T) { interruptOutDir(t, c.sig, c.code) })
	}
}

func interruptOutDir(t *testing.T, sig syscall.Signal, code int) {
	dir := t.TempDir()
	var in bytes.Buffer
	in.WriteString("name,relationship\n")
	for i := range 20000 {
		fmt.Fprintf(&in, "Person %d,stranger\n", i)
	}
	input := filepath.Join(dir, "requests.csv")
	if err := os.WriteFile(input, in.Bytes(), 0o666); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "replies")
	cmd := declineCmd(t, "batch", input, "--out-dir", out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitForFile(t, out, "person-*.txt")
	cmd.Process.Signal(sig)
	err := cmd.Wait()
	var exit *exec.ExitError
	if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != code) {
		t.Fatalf("exit: %v, want status %d (or 0 if it finished first)", err, code)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "person-") || !strings.HasSuffix(e.Name(), ".txt") {
			t.Errorf("unexpected file %s left in the output directory", e.Name())
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil || !strings.HasPrefix(string(data), "Hi Person,") || !strings.HasSuffix(string(data), "\n\nAll the best,\n") {
			t.Errorf("%s is not a whole reply: %q", e.Name(), data)
		}
	}
	t.Logf("%d of 20000 files written before %v", len(entries), sig)
}
