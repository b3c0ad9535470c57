//go:build unix

package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/decline-cli/decline/internal/testenv"
)

// pane is decline running in a real tmux pane of a given size, as a user
// at a terminal runs it: tmux keeps the screen and the scrollback, so a
// test sees what the user would, wrapped lines and stale copies
// included.
type pane struct {
	t               *testing.T
	tmux, socket    string
	session, status string
}

// startPane runs decline with args in a new tmux pane cols wide and rows
// high; standard input, output and error are the pane.
func startPane(t *testing.T, cols, rows int, env []string, args ...string) *pane {
	t.Helper()
	tmux := testenv.LookPath(t, "tmux", "skipping the terminal test")
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	p := &pane{t: t, tmux: tmux, socket: filepath.Join(dir, "tmux.sock"), session: "decline",
		status: filepath.Join(dir, "status")}
	quoted := []string{shellQuote(os.Args[0])}
	for _, a := range args {
		quoted = append(quoted, shellQuote(a))
	}
	vars := append([]string{ptyMainEnv + "=1", "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"TERM=xterm", "NO_COLOR=1", "DECLINE_CONFIG=", "DECLINE_ACCESSIBLE=", "VISUAL=", "EDITOR=", "TMPDIR=" + dir}, env...)
	for i, v := range vars {
		vars[i] = shellQuote(v)
	}
	// The pane stays open after decline exits, so that the test can read
	// it; the exit status goes to a file.
	command := fmt.Sprintf("env %s %s; echo $? > %s; sleep 600", strings.Join(vars, " "), strings.Join(quoted, " "), shellQuote(p.status))
	start := exec.Command(tmux, "-S", p.socket, "-f", "/dev/null", "new-session", "-d", "-s", p.session,
		"-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows), command)
	if out, err := start.CombinedOutput(); err != nil {
		testenv.Missing(t, fmt.Sprintf("tmux cannot start a session here (%v: %s); skipping the terminal test", err, out))
	}
	p.run("set-option", "-g", "history-limit", "10000")
	t.Cleanup(func() { p.run("kill-server") })
	return p
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (p *pane) run(args ...string) string {
	out, _ := exec.Command(p.tmux, append([]string{"-S", p.socket}, args...)...).CombinedOutput()
	return string(out)
}

// all is the scrollback and the screen, line by line as tmux shows them
// (a wrapped line is two lines).
func (p *pane) all() string { return p.run("capture-pane", "-p", "-S", "-", "-t", p.session) }

// waitFor waits (at most 15 seconds) until the pane's scrollback and
// screen hold every string of wants, in order, and returns them.
func (p *pane) waitFor(wants ...string) string {
	p.t.Helper()
	var text string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		text = p.all()
		if containsInOrder(text, wants) {
			return text
		}
	}
	p.t.Fatalf("timed out waiting for %q; the pane showed:\n%s", wants, text)
	return ""
}

// keys sends tmux key names (Enter, Down, Escape) or text, after a pause
// in which the prompt takes the terminal and draws.
func (p *pane) keys(keys ...string) {
	p.t.Helper()
	time.Sleep(200 * time.Millisecond)
	p.run(append([]string{"send-keys", "-t", p.session}, keys...)...)
}

// exitCode waits (at most 15 seconds) for decline to exit.
func (p *pane) exitCode() int {
	p.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if data, err := os.ReadFile(p.status); err == nil && strings.HasSuffix(string(data), "\n") {
			code, err := strconv.Atoi(strings.TrimSpace(string(data)))
			if err != nil {
				p.t.Fatal(err)
			}
			return code
		}
	}
	p.t.Fatalf("decline did not exit; the pane showed:\n%s", p.all())
	return 0
}

// TestSmallPaneWrapsAndRedrawsCleanly: in a 50x14 pane the draft is
// wrapped between words, wide characters counted as the terminal counts
// them, its rule fits, and moving through a menu taller
// than the pane leaves no copy of the question in the scrollback.
func TestSmallPaneWrapsAndRedrawsCleanly(t *testing.T) {
	// The personal line's emoji and CJK take two columns each: counted
	// as one, its lines would overrun the pane and split a word.
	p := startPane(t, 50, 14, nil, "draft", "-n", "Scott Lee", "-k", "endorsement", "--set", "skill=Kubernetes",
		"--note", "Good luck 🎉🎉 with the 東京 team 🎉🎉🎉🎉 and the move 🎉🎉🎉 to 大阪 this spring, Scott")
	p.waitFor("How do you know Scott?")
	for range 9 {
		p.keys("Down")
	}
	p.keys("Up", "Enter")
	text := p.waitFor("What would you like to do with it?")
	if n := strings.Count(text, "How do you know Scott?"); n != 1 {
		t.Errorf("the relationship question is in the pane %d times, want once (the answered one):\n%s", n, text)
	}
	for range 9 {
		p.keys("Down")
	}
	p.keys("Up")
	time.Sleep(300 * time.Millisecond)
	text = p.all()
	if n := strings.Count(text, "What would you like to do with it?"); n != 1 {
		t.Errorf("the menu's question is in the pane %d times, want once:\n%s", n, text)
	}
	draft := text[strings.Index(text, "Draft: "):strings.LastIndex(text, "What would you like")]
	rule := strings.Repeat("─", 50)
	if strings.Count(draft, rule+"\n") != 2 {
		t.Errorf("the draft's rules do not fit the 50 columns:\n%s", draft)
	}
	// Every line of the draft ends at a word: no line of the pane is
	// full to its last column, as a word cut by the terminal leaves it.
	body := strings.Split(draft, rule)[1]
	for _, line := range strings.Split(body, "\n") {
		if runewidth.StringWidth(line) >= 50 {
			t.Errorf("a line fills the pane, so a word may be split across lines: %q\n%s", line, draft)
		}
	}
	p.keys("Escape")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit %d, want 130; the pane showed:\n%s", code, p.all())
	}
}

// TestReviewChangesToneRelationshipAndNote: the review menu changes the
// tone and the relationship (asking how the user knows them again) and
// adds a personal line, each drawing the new draft; the address given
// with --to is shown above the subject.
func TestReviewChangesToneRelationshipAndNote(t *testing.T) {
	p := startPane(t, 100, 40, nil, "draft", "-n", "Scott Lee", "-k", "recommendation",
		"--to", "scott@example.com", "-f", "eml", "--from", "Jordan Avery")
	p.waitFor("How do you know Scott?")
	p.keys("Enter") // stranger
	p.waitFor("Draft: recommendation/stranger/warm", "To: scott@example.com\nSubject: ", "Change the tone (warm)", "Change how you know Scott")
	// The tone: its menu, then the formal reply with its own sign-off.
	p.keys("Down", "Down", "Down", "Down", "Down", "Enter")
	p.waitFor("Which tone would you like?", "Formal")
	p.keys("Down", "Enter")
	p.waitFor("Draft: recommendation/stranger/formal", "Kind regards,", "Change the tone (formal)")
	// The relationship, found by typing its id in the filter.
	p.keys("Down", "Down", "Down", "Down", "Down", "Down", "Enter")
	p.waitFor("How do you know Scott?")
	p.keys("busy")
	p.waitFor("I do not have the time")
	p.keys("Enter")
	p.waitFor("Draft: recommendation/busy/formal")
	// A personal line, then print.
	p.keys("Down", "Down", "Down", "Down", "Enter")
	p.waitFor("Your personal line")
	p.keys("We should catch up soon", "Enter")
	p.waitFor("We should catch up soon.", "Change the personal line")
	p.keys("Enter")
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d; the pane showed:\n%s", code, p.all())
	}
	text := p.all()
	printed := text[strings.LastIndex(text, "Print it"):]
	if !strings.Contains(printed, "To: Scott Lee <scott@example.com>") || !strings.Contains(printed, "We should catch up soon.") ||
		!strings.Contains(printed, openingFor(t, "recommendation/busy/formal", "Scott Lee")[:20]) {
		t.Errorf("the printed message is not the busy, formal reply with the line, to Scott:\n%s", printed)
	}
}

// TestKindAskedWithRelationshipOnly: -r without -k on a terminal asks
// what was asked for, offering the kinds that have that relationship;
// the reply's optional value (the company) is asked too, and an empty
// answer skips it.
func TestKindAskedWithRelationshipOnly(t *testing.T) {
	p := startPane(t, 80, 24, nil, "draft", "-n", "Scott Lee", "-r", "busy")
	p.waitFor("What did Scott ask you for?", "A LinkedIn recommendation")
	p.keys("Down", "Enter")
	p.waitFor("Which role is it for?")
	p.keys("Data Analyst", "Enter")
	p.waitFor("Which company? (optional: Enter to skip)")
	p.keys("Enter")
	p.waitFor("Draft: reference/busy/warm")
	p.keys("Escape")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit %d, want 130; the pane showed:\n%s", code, p.all())
	}
}

// TestOptionalValueAnswered: an optional value answered on a terminal
// is used in the reply.
func TestOptionalValueAnswered(t *testing.T) {
	p := startPane(t, 80, 24, nil, "draft", "-n", "Scott Lee", "-k", "reference", "-r", "stranger")
	p.waitFor("Which role is it for?")
	p.keys("Data Analyst", "Enter")
	p.waitFor("Which company? (optional: Enter to skip)")
	p.keys("Initech", "Enter")
	p.waitFor("Draft: reference/stranger/warm")
	p.keys("Enter") // print
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d; the pane showed:\n%s", code, p.all())
	}
	text := p.all()
	if printed := text[strings.LastIndex(text, "Print it"):]; !strings.Contains(strings.ReplaceAll(printed, "\n", ""), "Initech") {
		t.Errorf("the printed reply does not have the company:\n%s", text)
	}
}

// TestReviewEditorQuitSaysOnce: an editor that quits with an error (vim's
// :cq) is reported once, in plain words, and the menu comes back.
func TestReviewEditorQuitSaysOnce(t *testing.T) {
	editor := filepath.Join(t.TempDir(), "cq")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := startPane(t, 120, 30, []string{"VISUAL=" + editor}, "draft", "-n", "Scott Lee", "-k", "recommendation")
	p.waitFor("How do you know Scott?")
	p.keys("Enter")
	p.waitFor("What would you like to do with it?")
	p.keys("Down", "Down", "Enter")
	text := p.waitFor("exited with status 1; the draft is unchanged", "What would you like to do with it?")
	if strings.Contains(text, "not used") || strings.Count(text, "the draft is unchanged") != 1 {
		t.Errorf("the editor's exit is not said once, plainly:\n%s", text)
	}
	p.keys("Escape")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit %d, want 130; the pane showed:\n%s", code, p.all())
	}
}

// TestHomeAndEndUnderTmux: tmux sends Home and End as ESC [ 1 ~ and
// ESC [ 4 ~, not xterm's keys; in a typed answer they still move the
// cursor to the start and the end.
func TestHomeAndEndUnderTmux(t *testing.T) {
	p := startPane(t, 80, 24, nil, "draft", "-n", "Scott Lee", "-k", "reference", "-r", "stranger")
	p.waitFor("Which role is it for?")
	p.keys("Analyst", "Home", "Data ", "End", "s", "Enter")
	p.waitFor("Which role is it for? Data Analysts", "Which company?")
	p.keys("Escape")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit %d, want 130; the pane showed:\n%s", code, p.all())
	}
}

// TestMenuCancelClearsIt: Esc or Ctrl-C in a menu takes the menu off the
// screen before "decline: cancelled", instead of leaving it above.
func TestMenuCancelClearsIt(t *testing.T) {
	for _, key := range []string{"Escape", "C-c"} {
		p := startPane(t, 80, 24, nil, "draft", "-n", "Scott Lee")
		p.waitFor("What did Scott ask you for?", "A LinkedIn recommendation")
		p.keys(key)
		if code := p.exitCode(); code != 130 {
			t.Fatalf("%s: exit %d, want 130; the pane showed:\n%s", key, code, p.all())
		}
		text := p.waitFor("decline: cancelled")
		if strings.Contains(text, "What did Scott ask you for?") || strings.Contains(text, "A LinkedIn recommendation") {
			t.Errorf("%s: the menu is still shown:\n%s", key, text)
		}
	}
}
