package deliver

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"
)

// ErrEmptyEdit means the user saved an empty file, which cancels.
var ErrEmptyEdit = errors.New("the edited draft was empty")

// ErrEditInterrupted means the editor was stopped with Ctrl-C (it died of
// SIGINT, or exited with status 130 as a shell does), which cancels.
var ErrEditInterrupted = errors.New("the editor was interrupted")

// Editor runs the user's editor on a draft.
type Editor struct {
	// Command is the editor command line, run by /bin/sh with the file
	// name as its last argument (as git does), so that "code --wait" or
	// "vim -c 'set tw=72'" work.
	Command string
	// Stdin, Stdout and Stderr connect the editor to the terminal.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Dir is where the temporary file goes; os.TempDir() when empty.
	Dir string
}

// EditorCommand picks the editor: $VISUAL, then $EDITOR, then vi.
func EditorCommand(env func(string) string) string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := strings.TrimSpace(env(v)); e != "" {
			return e
		}
	}
	return "vi"
}

// Edit writes text to a temporary file that only the user can read, opens
// it in the editor, and returns what the user saved, with Windows line
// ends made Unix ones, blank lines trimmed from both ends, and one final
// newline.
//
// An empty file is ErrEmptyEdit and an interrupted editor is
// ErrEditInterrupted; any other failing exit status is an error that says
// the draft was not used. The file is removed, except when what the user
// saved cannot be used (it is not UTF-8): then the error names the file,
// so that nothing typed is lost.
func (e *Editor) Edit(text string) (string, error) {
	f, err := os.CreateTemp(e.Dir, "decline-*.txt")
	if err != nil {
		return "", fmt.Errorf("cannot create a file to edit: %v", err)
	}
	name := f.Name()
	keep := false
	defer func() {
		if !keep {
			os.Remove(name)
		}
	}()
	_, werr := f.WriteString(text)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return "", fmt.Errorf("cannot write a file to edit: %v", werr)
	}

	cmd := exec.Command("/bin/sh", "-c", e.Command+` "$@"`, e.Command, name)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.Stdin, e.Stdout, e.Stderr
	if err := cmd.Run(); err != nil {
		return "", e.runError(err)
	}

	data, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("cannot read the edited draft: %v", err)
	}
	if !utf8.Valid(data) {
		keep = true
		return "", fmt.Errorf("the edited draft is not valid UTF-8, so it was not used; it is kept in %s", name)
	}
	edited := strings.ReplaceAll(string(data), "\r\n", "\n")
	edited = strings.TrimRight(edited, " \t\n")
	for {
		first, rest, ok := strings.Cut(edited, "\n")
		if !ok || strings.TrimSpace(first) != "" {
			break
		}
		edited = rest
	}
	if strings.TrimSpace(edited) == "" {
		return "", ErrEmptyEdit
	}
	return edited + "\n", nil
}

// runError explains why the editor did not finish well.
func (e *Editor) runError(err error) error {
	// The whole command, which the user chose, escaped but not shortened.
	editor := strconv.QuoteToGraphic(e.Command)
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return fmt.Errorf("cannot run editor %s: %v (set VISUAL or EDITOR)", editor, err)
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		if ws.Signal() == syscall.SIGINT {
			return ErrEditInterrupted
		}
		return fmt.Errorf("editor %s was killed by %v; the draft was not used", editor, ws.Signal())
	}
	switch code := exit.ExitCode(); code {
	case 130:
		return ErrEditInterrupted
	case 126, 127:
		// The shell's own codes: not executable, not found.
		return fmt.Errorf("cannot run editor %s: the shell exited with %d (command not found or not executable); set VISUAL or EDITOR", editor, code)
	default:
		return fmt.Errorf("editor %s exited with status %d; the draft was not used", editor, code)
	}
}
