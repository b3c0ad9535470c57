//go:build unix

package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/decline-cli/decline/internal/testenv"
	"golang.org/x/sys/unix"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/templates"
)

// openingFor is the first paragraph after the greeting of the default
// reply id gives name, so that a test recognises that reply from the
// catalog itself rather than from a copy of its wording.
func openingFor(t *testing.T, id, name string) string {
	t.Helper()
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	tmpl, ok := cat.Get(id)
	if !ok {
		t.Fatalf("no default template %s", id)
	}
	r, err := compose.Render(tmpl, &compose.Request{Name: name, Sender: "Sender", Signoff: "Regards"})
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(r.Body, "\n\n")
	if len(paras) < 3 {
		t.Fatalf("%s has no paragraph after its greeting:\n%s", id, r.Body)
	}
	return paras[1]
}

// session is decline running on a pseudo-terminal: standard input and
// standard error are the terminal, and standard output is either the
// terminal too or a pipe the test reads.
type session struct {
	t      *testing.T
	ptmx   *os.File
	tty    *os.File
	cmd    *exec.Cmd
	stdout *bytes.Buffer

	initial *unix.Termios // the terminal's settings before decline started

	mu     sync.Mutex
	screen bytes.Buffer // everything the terminal received
	mark   int          // expect looks only past this offset
	done   chan struct{}
	err    error
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r`)

// startSession runs decline with args on a new terminal. With pipeStdout
// its standard output goes to a buffer instead of the terminal.
func startSession(t *testing.T, pipeStdout bool, env []string, args ...string) *session {
	t.Helper()
	return startSessionIn(t, nil, pipeStdout, env, args...)
}

// startSessionIn is startSession with standard input read from stdin
// (when not nil) instead of the terminal, which stays decline's
// controlling terminal, /dev/tty.
func startSessionIn(t *testing.T, stdin io.Reader, pipeStdout bool, env []string, args ...string) *session {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		testenv.Missing(t, fmt.Sprintf("no pseudo-terminal available: %v", err))
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 140}); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), ptyMainEnv+"=1", "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "TERM=xterm", "NO_COLOR=1",
		"DECLINE_CONFIG=", "DECLINE_ACCESSIBLE=", "VISUAL=", "EDITOR=", "TMPDIR="+t.TempDir())
	cmd.Env = append(cmd.Env, env...)
	s := &session{t: t, ptmx: ptmx, tty: tty, cmd: cmd, done: make(chan struct{})}
	// The terminal as decline finds it, read before decline can change it.
	s.initial = s.termios()
	cmd.Stdin, cmd.Stderr = tty, tty
	if stdin != nil {
		cmd.Stdin = stdin
	}
	cmd.Stdout = tty
	if pipeStdout {
		s.stdout = &bytes.Buffer{}
		cmd.Stdout = s.stdout
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if stdin != nil {
		cmd.SysProcAttr.Ctty = 2 // the terminal is standard error's
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go s.read()
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			_ = cmd.Process.Kill()
			<-s.done
		}
		ptmx.Close()
		tty.Close()
	})
	return s
}

// read copies terminal output into the screen buffer and answers survey's
// cursor position queries as a real terminal would.
func (s *session) read() {
	buf := make([]byte, 4096)
	for {
		n, err := s.ptmx.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.screen.Write(buf[:n])
			s.mu.Unlock()
			if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
				_, _ = s.ptmx.Write([]byte("\x1b[1;1R"))
			}
		}
		if err != nil {
			return
		}
	}
}

// text is what the terminal shows past the mark, without escape codes.
func (s *session) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.ReplaceAllString(s.screen.String()[s.mark:], "")
}

// expect waits (at most 15 seconds) until every string in wants appears
// on the terminal past the mark, in order, then moves the mark past all
// that was shown and returns it.
func (s *session) expect(wants ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		raw := s.screen.String()
		s.mu.Unlock()
		clean := ansi.ReplaceAllString(raw[s.mark:], "")
		if containsInOrder(clean, wants) {
			s.mu.Lock()
			s.mark = len(raw)
			s.mu.Unlock()
			return clean
		}
		select {
		case <-s.done:
			s.t.Fatalf("decline exited (%v) before showing %q; the terminal showed:\n%s", s.err, wants, clean)
		case <-time.After(20 * time.Millisecond):
		}
	}
	s.t.Fatalf("timed out waiting for %q; the terminal showed:\n%s", wants, s.text())
	return ""
}

func containsInOrder(text string, wants []string) bool {
	for _, w := range wants {
		i := strings.Index(text, w)
		if i < 0 {
			return false
		}
		text = text[i+len(w):]
	}
	return true
}

func (s *session) send(keys string) {
	s.t.Helper()
	// Give survey a moment to put the terminal in raw mode and draw.
	time.Sleep(150 * time.Millisecond)
	if _, err := s.ptmx.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
}

// exitCode waits (at most 15 seconds) for decline to exit.
func (s *session) exitCode() int {
	s.t.Helper()
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.t.Fatalf("decline did not exit; the terminal showed:\n%s", s.text())
	}
	// The terminal may still hold output the reader has not copied yet:
	// wait until nothing new arrives for 100 ms (at most 2 seconds).
	last := -1
	for i := 0; i < 20; i++ {
		s.mu.Lock()
		n := s.screen.Len()
		s.mu.Unlock()
		if n == last {
			break
		}
		last = n
		time.Sleep(100 * time.Millisecond)
	}
	var exit *exec.ExitError
	if errors.As(s.err, &exit) {
		return exit.ExitCode()
	}
	if s.err != nil {
		s.t.Fatal(s.err)
	}
	return 0
}

// termios reads the terminal's line discipline settings.
func (s *session) termios() *unix.Termios {
	s.t.Helper()
	tio, err := unix.IoctlGetTermios(int(s.tty.Fd()), unix.TCGETS)
	if err != nil {
		s.t.Fatal(err)
	}
	return tio
}

const (
	keyDown  = "\x1b[B"
	keyEnter = "\r"
	keyCtrlC = "\x03"
	keyEsc   = "\x1b"
)

func TestInteractiveAnswersEverything(t *testing.T) {
	s := startSession(t, true, nil, "draft")
	s.expect("What is the requester's name?")
	s.send("Scott Lee" + keyEnter)
	s.expect("What did Scott ask you for?")
	s.send(keyEnter) // the highlighted default: a recommendation
	s.expect("How do you know Scott?")
	s.send(keyDown + keyEnter) // the second relationship: no-business
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	out := s.stdout.String()
	if !strings.HasPrefix(out, "Hi Scott,\n") || !strings.Contains(out, openingFor(t, "recommendation/no-business/warm", "Scott Lee")) {
		t.Errorf("stdout is not the no-business recommendation reply:\n%s", out)
	}
	if strings.Contains(out, "How do you know") {
		t.Errorf("a prompt leaked onto standard output:\n%s", out)
	}
}

func TestInteractiveAsksOnlyWhatFlagsDidNotGive(t *testing.T) {
	s := startSession(t, true, nil, "draft", "-n", "Priya Natarajan", "-k", "endorsement")
	s.expect("How do you know Priya?")
	if strings.Contains(s.text(), "requester's name") || strings.Contains(s.text(), "ask you for") {
		t.Errorf("asked for something a flag gave:\n%s", s.text())
	}
	s.send(keyDown + keyDown + keyEnter) // social
	s.expect("Which skill did Priya ask you to endorse?")
	s.send("Kubernetes" + keyEnter)
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if out := s.stdout.String(); !strings.Contains(out, "Kubernetes") || !strings.HasPrefix(out, "Hi Priya,") {
		t.Errorf("stdout is not the endorsement reply:\n%s", out)
	}
}

func TestInteractiveReviewOnTerminal(t *testing.T) {
	s := startSession(t, false, nil, "draft", "-n", "Scott Lee", "-k", "recommendation")
	s.expect("How do you know Scott?")
	s.send(keyEnter) // stranger
	first := s.expect("What would you like to do with it?")
	if !strings.Contains(first, "Draft: recommendation/stranger/warm, wording") {
		t.Fatalf("the draft was not shown before the menu:\n%s", first)
	}
	if !strings.Contains(first, "Tip: to sign with your name, use --from NAME or add 'sender: Your Name' to") {
		t.Errorf("no tip about the missing sender name:\n%s", first)
	}
	// Try another wording (the fourth action), then print.
	s.send(keyDown + keyDown + keyDown + keyEnter)
	second := s.expect("Draft: recommendation/stranger/warm, wording 2", "What would you like to do with it?")
	if strings.Contains(second, "Tip:") {
		t.Errorf("the tip is shown again under the second wording:\n%s", second)
	}
	s.send(keyEnter)
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
}

func TestInteractivePersonalLine(t *testing.T) {
	s := startSession(t, false, nil, "draft", "-n", "Scott Lee", "-k", "recommendation", "--from", "Jordan Avery")
	s.expect("How do you know Scott?")
	s.send(keyEnter) // stranger
	s.expect("What would you like to do with it?", "Add a personal line")
	// Add a personal line (the fifth action, after another wording).
	s.send(keyDown + keyDown + keyDown + keyDown + keyEnter)
	s.expect("Your personal line")
	s.send("Say hello to the team" + keyEnter)
	s.expect("Say hello to the team.", "Change the personal line")
	s.send(keyEnter) // print
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if !strings.Contains(s.text(), "\nSay hello to the team.\n\nAll the best,\nJordan Avery") {
		t.Errorf("the personal line is not before the sign-off:\n%s", s.text())
	}
}

func TestInteractiveCtrlCCancels(t *testing.T) {
	for _, key := range []struct{ name, seq string }{{"ctrl-c", keyCtrlC}, {"esc", keyEsc}} {
		t.Run(key.name, func(t *testing.T) {
			s := startSession(t, true, nil, "draft", "-n", "Scott")
			before := s.initial
			s.expect("What did Scott ask you for?")
			s.send(keyEnter)
			s.expect("How do you know Scott?")
			s.send(key.seq)
			if code := s.exitCode(); code != 130 {
				t.Fatalf("exit %d, want 130; terminal:\n%s", code, s.text())
			}
			if out := s.stdout.String(); out != "" {
				t.Errorf("cancelling printed on standard output: %q", out)
			}
			after := s.termios()
			if before.Lflag != after.Lflag || before.Iflag != after.Iflag || before.Oflag != after.Oflag {
				t.Errorf("terminal not restored: lflag %#x -> %#x", before.Lflag, after.Lflag)
			}
			if after.Lflag&unix.ECHO == 0 || after.Lflag&unix.ICANON == 0 {
				t.Errorf("terminal left without echo or line editing: lflag %#x", after.Lflag)
			}
		})
	}
}

func TestInteractiveCtrlCAtNamePrompt(t *testing.T) {
	s := startSession(t, true, nil, "draft")
	s.expect("What is the requester's name?")
	s.send("Sco" + keyCtrlC)
	if code := s.exitCode(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
	if s.stdout.Len() != 0 {
		t.Errorf("cancelling printed on standard output: %q", s.stdout.String())
	}
}

func TestAccessibleMode(t *testing.T) {
	for _, how := range []struct {
		name string
		env  []string
		args []string
	}{
		{"flag", nil, []string{"draft", "--accessible"}},
		{"env", []string{"DECLINE_ACCESSIBLE=1"}, []string{"draft"}},
		// A dumb terminal has no cursor control to draw menus with.
		{"TERM=dumb", []string{"TERM=dumb"}, []string{"draft"}},
	} {
		t.Run(how.name, func(t *testing.T) {
			s := startSession(t, true, how.env, how.args...)
			s.expect("What is the requester's name? ")
			s.send("Scott Lee\n")
			s.expect("Enter a number from 1 to 6, or the word in brackets (press Enter for 1): ")
			s.send("\n")
			s.expect("  2. We are connected but have never done business together (no-business)")
			s.send("9\n")
			s.expect(`Sorry, "9" is not one of the numbers or choices.`)
			s.send("2\n")
			if code := s.exitCode(); code != 0 {
				t.Fatalf("exit %d; terminal:\n%s", code, s.text())
			}
			s.mu.Lock()
			raw := s.screen.String()
			s.mu.Unlock()
			if strings.Contains(raw, "\x1b") {
				t.Errorf("accessible mode drew escape sequences")
			}
			if out := s.stdout.String(); !strings.Contains(out, openingFor(t, "recommendation/no-business/warm", "Scott Lee")) {
				t.Errorf("stdout is not the no-business reply:\n%s", out)
			}
		})
	}
}

// TestAccessibleTakesAnIDOrALabel: a screen-reader user may answer with
// the word in brackets or the label as written, in any case.
func TestAccessibleTakesAnIDOrALabel(t *testing.T) {
	s := startSession(t, true, nil, "draft", "--accessible", "-n", "Scott Lee")
	s.expect("What did Scott ask you for?", "  1. A LinkedIn recommendation (recommendation)", "or the word in brackets")
	s.send("a linkedin recommendation\n")
	s.expect("How do you know Scott?", "(no-business)", "or the word in brackets")
	s.send("No-Business\n")
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if out := s.stdout.String(); !strings.Contains(out, openingFor(t, "recommendation/no-business/warm", "Scott Lee")) {
		t.Errorf("stdout is not the no-business recommendation:\n%s", out)
	}
}

func TestFlagsOnlyPrintsWithoutAsking(t *testing.T) {
	s := startSession(t, false, nil, "draft", "-n", "Scott", "-k", "recommendation", "-r", "no-business", "--variant", "1")
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	got := s.text()
	if strings.Contains(got, "?") && strings.Contains(got, "What would you like") {
		t.Errorf("asked a question although every choice was a flag:\n%s", got)
	}
	if !strings.Contains(got, "Hi Scott,") {
		t.Errorf("the reply was not printed:\n%s", got)
	}
}

func TestInteractiveEditThenPrint(t *testing.T) {
	editor := filepath.Join(t.TempDir(), "fake-editor")
	script := "#!/bin/sh\nprintf 'Hi Scott,\\n\\nEdited by hand.\\n' > \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startSession(t, false, []string{"VISUAL=" + editor}, "draft", "-n", "Scott", "-k", "recommendation")
	s.expect("How do you know Scott?")
	s.send(keyEnter)
	s.expect("Edit it in " + editor)
	s.send(keyDown + keyDown + keyEnter) // edit
	s.expect("edited by you", "Edited by hand.", "Try another wording (drops your edits)")
	s.send(keyEnter) // print
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if !strings.Contains(s.text(), "Hi Scott,\n\nEdited by hand.") {
		t.Errorf("the edited reply was not printed after choosing print:\n%s", s.text())
	}
}

// TestHostileNameOnATerminal runs decline on a real terminal with a name
// that holds an OSC 52 sequence (which would write the clipboard) and a
// screen-clearing CSI: decline refuses it before asking anything, and the
// terminal never receives either sequence.
func TestHostileNameOnATerminal(t *testing.T) {
	s := startSession(t, true, nil, "draft", "--name", "Ev\x1b]52;c;ZXZpbA==\a\x1b[2JX")
	if code := s.exitCode(); code != 2 {
		t.Fatalf("exit %d, want 2; terminal:\n%s", code, s.text())
	}
	s.mu.Lock()
	raw := s.screen.String()
	s.mu.Unlock()
	if strings.Contains(raw, "\x1b]52") || strings.Contains(raw, "\x1b[2J") || strings.Contains(raw, "\a") {
		t.Errorf("the terminal received the name's escape sequences: %q", raw)
	}
	if !strings.Contains(raw, `decline: --name "Ev\x1b]52;c;ZXZpbA==\a\x1b[2JX" contains an escape character (U+001B)`) {
		t.Errorf("no quoted error on the terminal: %q", raw)
	}
	if strings.Contains(raw, "ask you for") || s.stdout.Len() > 0 {
		t.Errorf("decline asked or printed something: %q, stdout %q", raw, s.stdout.String())
	}
}

func TestInteractiveKindsFollowGivenRelationship(t *testing.T) {
	s := startSession(t, true, nil, "draft", "-r", "not-yet")
	s.expect("What is the requester's name?")
	s.send("Scott Lee" + keyEnter)
	shown := s.expect("What did Scott ask you for?", "A LinkedIn recommendation")
	time.Sleep(200 * time.Millisecond)
	shown += s.text()
	if strings.Contains(shown, "An introduction to someone I know") || strings.Contains(shown, "A testimonial") {
		t.Fatalf("offered a kind that has no not-yet reply:\n%s", shown)
	}
	s.send(keyEnter)
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if out := s.stdout.String(); !strings.HasPrefix(out, "Hi Scott,") {
		t.Errorf("stdout is not the reply:\n%s", out)
	}
}

func TestInteractiveCopyFlagSkipsTheMenu(t *testing.T) {
	s := startSession(t, false, nil, "draft", "-k", "recommendation", "-r", "stranger", "--copy=osc52")
	s.expect("What is the requester's name?")
	s.send("Scott Lee" + keyEnter)
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	s.mu.Lock()
	raw := s.screen.String()
	s.mu.Unlock()
	if strings.Contains(raw, "What would you like to do with it?") {
		t.Errorf("--copy was given, but the menu asked again:\n%s", s.text())
	}
	if !strings.Contains(raw, "\x1b]52;c;") || !strings.Contains(raw, "Sent the reply to the terminal's clipboard") {
		t.Errorf("the reply was not copied with OSC 52:\n%q", raw)
	}
}

func TestInteractiveFailedCopyReturnsToMenu(t *testing.T) {
	// Native copying only, and no display for it: the copy must fail, and
	// the menu comes back with the draft intact.
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("clipboard: native\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSession(t, false, []string{"DECLINE_CONFIG=" + cfg, "DISPLAY=", "WAYLAND_DISPLAY=", "PATH=" + t.TempDir()},
		"draft", "-n", "Scott Lee", "-k", "recommendation")
	s.expect("How do you know Scott?")
	s.send(keyEnter)
	s.expect("What would you like to do with it?")
	s.send(keyDown + keyEnter) // copy
	s.expect("decline: cannot copy to the clipboard:", "choose another way", "What would you like to do with it?")
	s.send(keyEnter) // print
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if !strings.Contains(s.text(), "Print it\nHi Scott,") {
		t.Errorf("the reply was not printed after the failed copy:\n%s", s.text())
	}
}

func TestBatchWithNoFileOnATerminal(t *testing.T) {
	// Nothing to read and a person at the keyboard: say how to give
	// requests instead of waiting for them to be typed.
	s := startSession(t, true, nil, "batch")
	if code := s.exitCode(); code != 2 {
		t.Fatalf("exit %d, want 2; terminal:\n%s", code, s.text())
	}
	if !strings.Contains(s.text(), "decline: batch needs requests to read: give a file (decline batch requests.csv), or - and pipe them in") {
		t.Errorf("terminal:\n%s", s.text())
	}
}

func TestBatchDryRunTableOnATerminal(t *testing.T) {
	// On a terminal a dry run's rows are a table under a header, each
	// column starting at the same place on every line.
	dir := t.TempDir()
	csv := filepath.Join(dir, "people.csv")
	if err := os.WriteFile(csv, []byte("name,kind,relationship,tone\nAl,recommendation,stranger,brief\nMaria-Christina Oyelaran-Whitfield,endorsement,no-business,formal\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSession(t, false, nil, "batch", csv, "--dry-run", "--set", "skill=Go")
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d, want 0; terminal:\n%s", code, s.text())
	}
	var table []string
	for _, l := range strings.Split(s.text(), "\n") {
		if strings.HasPrefix(l, "LINE") || table != nil && l != "" && !strings.Contains(l, "people.csv") && !strings.HasPrefix(l, " ") {
			table = append(table, l)
		}
	}
	if len(table) != 3 {
		t.Fatalf("want a header and 2 rows; terminal:\n%s", s.text())
	}
	for _, col := range []string{"KIND", "TEMPLATE", "WORDING"} {
		at := strings.Index(table[0], col)
		for _, row := range table[1:] {
			if at < 1 || len(row) <= at || row[at-1] != ' ' || row[at] == ' ' {
				t.Errorf("column %s does not start at %d in %q; terminal:\n%s", col, at, row, s.text())
			}
		}
	}
	if got := strings.Join(strings.Fields(table[2]), " "); !strings.HasPrefix(got, "3 Maria-Christina Oyelaran-Whitfield endorsement no-business formal endorsement/no-business/formal ") {
		t.Errorf("row 3 is %q (%q)", table[2], got)
	}
}
