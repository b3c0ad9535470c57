package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchInterruptRemovesSpool stops decline with Ctrl-C (SIGINT) while
// it is still reading standard input for its two passes: it exits 130,
// prints nothing on standard output, and leaves no temporary file. The
// saved copy of standard input never has a name while decline runs: it is
// an open file already removed, so no way of ending decline (SIGKILL,
// SIGPIPE from | head) can leave it behind.
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
	spool := waitForDeletedFile(t, cmd.Process.Pid, filepath.Join(tmp, "decline-batch-"))
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("while decline reads, TMPDIR holds %v; want the saved input (%s) removed already", left, spool)
	}
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
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("files left in TMPDIR: %v", left)
	}
}

// TestBatchIntoHeadLeavesNothing: `cat big.csv | decline batch - | head
// -1` ends decline with SIGPIPE, which no handler runs for; the copy of
// standard input (every name and address) must not stay in TMPDIR.
func TestBatchIntoHeadLeavesNothing(t *testing.T) {
	if _, err := exec.LookPath("head"); err != nil {
		t.Skip("no head(1)")
	}
	dir, tmp := t.TempDir(), t.TempDir()
	var big strings.Builder
	big.WriteString("name,email,relationship\n")
	for i := range 20000 {
		fmt.Fprintf(&big, "Person %d,p%d@example.com,stranger\n", i, i)
	}
	csv := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(csv, []byte(big.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := declineCmd(t)
	cmd.Path, cmd.Args = "/bin/sh", []string{"sh", "-c", `cat "$1" | "$2" batch - | head -1`, "sh", csv, os.Args[0]}
	cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !strings.HasPrefix(string(out), `{"line":2,"name":"Person 0"`) {
		t.Errorf("output: %.200q, want the first reply", out)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("files left in TMPDIR after | head -1: %v", left)
	}
}

// waitForDeletedFile waits (at most 15 seconds) for process pid to hold
// open a removed file whose name started with prefix, and returns its
// name.
func waitForDeletedFile(t *testing.T, pid int, prefix string) string {
	t.Helper()
	fds := fmt.Sprintf("/proc/%d/fd", pid)
	if _, err := os.Stat(fds); err != nil {
		t.Skipf("no %s to look at open files (%v)", fds, err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		links, _ := filepath.Glob(filepath.Join(fds, "*"))
		for _, l := range links {
			if to, err := os.Readlink(l); err == nil && strings.HasPrefix(to, prefix) && strings.HasSuffix(to, " (deleted)") {
				return to
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d holds no removed file %s*", pid, prefix)
	return ""
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

// TestBatchInterruptOutDir stops decline with Ctrl-C, kill (SIGTERM), a
// closed terminal (SIGHUP) or Ctrl-\ (SIGQUIT, which used to leave a
// .tmp file and a goroutine dump) while it writes an output directory: every
// file there is whole, no temporary file is left, and the exit status
// says which signal ended it.
func TestBatchInterruptOutDir(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}, {syscall.SIGQUIT, 131}} {
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
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
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
	// What was written, and how to write the rest.
	if want := fmt.Sprintf("decline: stopped after writing %d of 20000 replies into %s, each file whole; to write the rest, run the same command with --keep-going: the files already there are left alone\n", len(entries), out); exit != nil && !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("standard error %q, want it to end in %q, with no line after it", stderr.String(), want)
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

// TestBatchStreamsAreBounded: an endless stream is no longer copied until
// the disk is full. A bad header is reported at once, a copy for the
// second pass stops at --spool-limit with a message naming it, and a dry
// run, which reads once, saves nothing.
func TestBatchStreamsAreBounded(t *testing.T) {
	endless := func(head, line string) func(*exec.Cmd) {
		return func(cmd *exec.Cmd) {
			w, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			go func() {
				defer w.Close()
				if _, err := io.WriteString(w, head); err != nil {
					return
				}
				buf := []byte(strings.Repeat(line, 1000))
				for {
					if _, err := w.Write(buf); err != nil {
						return
					}
				}
			}()
		}
	}
	for _, tc := range []struct {
		name  string
		args  []string
		stdin func(*exec.Cmd)
		want  string
	}{
		{"yes", []string{"batch", "-"}, endless("", "y\n"), "stdin:1: the header row has no name column"},
		{"dev zero", []string{"batch", "/dev/zero"}, nil, "/dev/zero:1: a row here is longer than 256 KiB"},
		{"limit", []string{"batch", "-", "--spool-limit", "64KiB"}, endless("name,relationship\n", "Ann Lee,stranger\n"),
			"decline: stdin is longer than 64 KiB, the most decline saves of a stream for its second pass; nothing was written (give a file, or raise --spool-limit)"},
		{"bad limit", []string{"batch", "-", "--spool-limit", "lots"}, endless("", "y\n"), `--spool-limit "lots": not a size`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			cmd := declineCmd(t, tc.args...)
			cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
			if tc.stdin != nil {
				tc.stdin(cmd)
			}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still reading after 20 s; stderr: %s", stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) || cmd.ProcessState.ExitCode() == 0 {
				t.Errorf("exit %d, stderr %q; want a failure saying %q", cmd.ProcessState.ExitCode(), stderr.String(), tc.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("standard output: %.100q, want nothing", stdout.String())
			}
		})
	}

	// A dry run reads a stream once: with no temporary directory at all,
	// it still works.
	cmd := declineCmd(t, "batch", "-", "--dry-run")
	cmd.Env = append(cmd.Env, "TMPDIR="+filepath.Join(t.TempDir(), "missing"))
	cmd.Stdin = strings.NewReader("name,relationship\nAnn Lee,stranger\n")
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "stdin: 1 row, 1 reply ready") {
		t.Errorf("dry run with no TMPDIR: %v, %s", err, out)
	}

	// Standard input that is a directory is said to be one.
	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	cmd = declineCmd(t, "batch", "-")
	cmd.Stdin = dir
	if out, err := cmd.CombinedOutput(); err == nil || string(out) != "decline: cannot read stdin: it is a directory\n" {
		t.Errorf("a directory as standard input: %v, %q", err, out)
	}
}

// TestBatchWarnsOfLongBriefReply: a brief reply that a row's values take
// over the 300 characters of a LinkedIn note is still written, with one
// warning on standard error naming its line; rows that fit get none. The
// parallel path (standard output) and the sequential one (--out-dir)
// both warn, and --dry-run too.
func TestBatchWarnsOfLongBriefReply(t *testing.T) {
	long := strings.Repeat("I hope the new job in Lisbon is everything you wanted ", 3) + "and more"
	input := "name,relationship,tone,note\n" +
		"Scott Lee,stranger,brief,\n" +
		"Ann Kim,stranger,brief," + long + "\n" +
		"Bea Ruiz,stranger,warm," + long + "\n"
	for _, extra := range [][]string{nil, {"--out-dir", "OUT"}, {"--dry-run"}, {"-f", "text"}} {
		dir := t.TempDir()
		in := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"batch", in, "--from", "Jordan Avery"}
		for _, a := range extra {
			args = append(args, strings.ReplaceAll(a, "OUT", filepath.Join(dir, "out")))
		}
		cmd := declineCmd(t, args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %v; stderr: %s", extra, err, stderr.String())
		}
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		var warnings []string
		for _, l := range lines {
			if strings.Contains(l, "warning:") {
				warnings = append(warnings, l)
			}
		}
		if len(warnings) != 1 || !strings.HasPrefix(warnings[0], in+":3: warning: this brief reply is ") || !strings.Contains(warnings[0], "more than the 300") {
			t.Errorf("%v: warnings %q, want one for line 3 about the 300 characters; stderr: %s", extra, warnings, stderr.String())
		}
		if extra == nil && strings.Count(stdout.String(), "\n") != 3 {
			t.Errorf("%v: standard output has %d lines, want every row written: %s", extra, strings.Count(stdout.String(), "\n"), stdout.String())
		}
	}
}
