package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// editorScript writes an editor for --edit: a shell script that runs
// body with the file to edit as $1, after noting that file's name in
// the returned path (and its process id on a second line).
func editorScript(t *testing.T, body string) (editor, noted string) {
	dir := t.TempDir()
	noted = filepath.Join(dir, "editing")
	editor = filepath.Join(dir, "editor")
	script := "#!/bin/sh\nprintf '%s\\n%s' \"$1\" $$ > '" + noted + ".part' && mv '" + noted + ".part' '" + noted + "'\n" + body + "\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return editor, noted
}

// TestEditLeavesNoDraftOnSignals: SIGTERM or SIGHUP while the editor runs
// used to leave /tmp/decline-N.txt holding the draft. The file is removed,
// and the exit status names the signal.
func TestEditLeavesNoDraftOnSignals(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			editor, noted := editorScript(t, "exec sleep 30 </dev/null >/dev/null 2>&1")
			cmd := declineCmd(t, "draft", "-n", "Scott", "-r", "stranger", "--edit", "--no-input")
			cmd.Env = append(cmd.Env, "TMPDIR="+tmp, "VISUAL="+editor)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no terminal: /dev/tty cannot be opened
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			// The editor left running holds standard error open.
			cmd.WaitDelay = 500 * time.Millisecond
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			waitForFile(t, filepath.Dir(noted), "editing")
			data, _ := os.ReadFile(noted)
			name, pid, _ := strings.Cut(string(data), "\n")
			if p, err := strconv.Atoi(pid); err == nil {
				defer syscall.Kill(p, syscall.SIGKILL) // the editor, left running
			}
			if _, err := os.Stat(name); err != nil {
				t.Fatalf("the draft %s is not there while the editor runs: %v", name, err)
			}
			cmd.Process.Signal(c.sig)
			cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, stderr.String())
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
				t.Errorf("left in TMPDIR: %v", left)
			}
		})
	}
}

// TestEditRefusesANamedPipe: an editor that puts a named pipe where the
// draft was used to make decline wait for ever to read it back.
func TestEditRefusesANamedPipe(t *testing.T) {
	editor, _ := editorScript(t, `rm "$1" && mkfifo "$1"`)
	cmd := declineCmd(t, "draft", "-n", "Scott", "-r", "stranger", "--edit", "--no-input")
	cmd.Env = append(cmd.Env, "TMPDIR="+t.TempDir(), "VISUAL="+editor)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("decline still waits on the named pipe after 15 s")
	}
	if !strings.Contains(stderr.String(), "is no longer a regular file (it is a named pipe); the draft was not used") || stdout.Len() > 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", cmd.ProcessState.ExitCode(), stdout.String(), stderr.String())
	}
}

// TestEditWithoutATerminal: with no terminal, --edit used to start vi,
// which poured its escape codes into standard error. A terminal editor is
// refused before it starts; an editor that needs no terminal still runs.
func TestEditWithoutATerminal(t *testing.T) {
	bin := t.TempDir()
	ran := filepath.Join(bin, "ran")
	// A stand-in vi on PATH: it notes that it ran, and would succeed.
	vi := "#!/bin/sh\ntouch '" + ran + "'\n"
	if err := os.WriteFile(filepath.Join(bin, "vi"), []byte(vi), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := declineCmd(t, "draft", "-n", "Scott", "-r", "stranger", "--edit", "--no-input")
	cmd.Env = append(cmd.Env, "VISUAL=vi", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no terminal: /dev/tty cannot be opened
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err == nil {
		t.Fatalf("--edit with vi and no terminal succeeded; stdout %q", stdout.String())
	}
	if _, serr := os.Stat(ran); serr == nil {
		t.Fatal("vi was started without a terminal")
	}
	if stdout.Len() != 0 || !strings.Contains(stderr.String(), "vi needs a terminal") || strings.Count(stderr.String(), "\n") != 1 {
		t.Fatalf("want one line saying vi needs a terminal and nothing on stdout; stdout %q, stderr %q", stdout.String(), stderr.String())
	}

	// An editor that needs no terminal (a script) still edits.
	editor, _ := editorScript(t, "printf 'Edited.\\n' > \"$1\"")
	cmd = declineCmd(t, "draft", "-n", "Scott", "-r", "stranger", "--edit", "--no-input")
	cmd.Env = append(cmd.Env, "VISUAL="+editor)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	out, err := cmd.Output()
	if err != nil || string(out) != "Edited.\n" {
		t.Fatalf("a script editor without a terminal: %v, stdout %q", err, out)
	}
}
