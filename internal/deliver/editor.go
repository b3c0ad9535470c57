package deliver

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// ErrEmptyEdit means the user saved an empty file, which cancels.
var ErrEmptyEdit = errors.New("the edited draft is empty")

// Editor runs the user's editor on a draft.
type Editor struct {
	// Command is the editor command line, run by the shell with the
	// file name as its last argument (as git does), so that "code --wait"
	// works.
	Command string
	// Stdin, Stdout and Stderr connect the editor to the terminal.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
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

// Edit writes text to a temporary file, opens it in the editor, and
// returns what the user saved. An empty result is ErrEmptyEdit.
func (e *Editor) Edit(text string) (string, error) {
	f, err := os.CreateTemp("", "decline-*.txt")
	if err != nil {
		return "", fmt.Errorf("cannot create a file to edit: %v", err)
	}
	name := f.Name()
	defer os.Remove(name)
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
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("editor %q exited with status %d; the draft was not used", e.Command, exit.ExitCode())
		}
		return "", fmt.Errorf("cannot run editor %q: %v (set VISUAL or EDITOR)", e.Command, err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("cannot read the edited draft: %v", err)
	}
	edited := strings.TrimSpace(strings.ReplaceAll(string(data), "\r\n", "\n"))
	if edited == "" {
		return "", ErrEmptyEdit
	}
	return edited + "\n", nil
}
