package deliver

import (
	"errors"
	"fmt"
	"github.com/decline-cli/decline/internal/oserr"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
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
	// OnInterrupt, when set, is given a clean-up that removes the
	// temporary file, to run if decline is ended by a signal (SIGTERM,
	// SIGHUP) while the editor runs; it returns a function that
	// unregisters it.
	OnInterrupt func(func()) (remove func())
}

// maxEdited caps what is read back from the editor: a reply is at most
// 64 KiB.
const maxEdited = 1 << 20

// EditorCommand picks the editor: $VISUAL, then $EDITOR, then vi.
func EditorCommand(env func(string) string) string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := strings.TrimSpace(env(v)); e != "" {
			return e
		}
	}
	return "vi"
}

// terminalEditors are editors that draw on a terminal and can do nothing
// without one.
var terminalEditors = []string{"vi", "vim", "nvim", "view", "vim.basic", "vim.tiny", "nano", "pico", "emacs", "micro", "hx", "helix", "kak", "joe", "jed", "ne", "mg", "mcedit"}

// TerminalEditor returns the program name of an editor command when that
// program is one that needs a terminal (vi, nano, emacs ...), and "" for
// any other (a script, or an editor that opens a window).
func TerminalEditor(command string) string {
	fields := strings.Fields(command)
	if len(fields) == 0 {
		return ""
	}
	name := filepath.Base(fields[0])
	if slices.Contains(terminalEditors, name) {
		return name
	}
	return ""
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
	// The clean-up is registered before the file exists, so that no
	// signal can come between the two and leave the draft behind.
	var created atomic.Pointer[string]
	if e.OnInterrupt != nil {
		defer e.OnInterrupt(func() {
			if p := created.Load(); p != nil {
				os.Remove(*p)
			}
		})()
	}
	f, err := os.CreateTemp(e.Dir, "decline-*.txt")
	if err != nil {
		return "", fmt.Errorf("cannot create a file to edit: %v", err)
	}
	name := f.Name()
	created.Store(&name)
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

	data, err := readEdited(name)
	if err != nil {
		return "", err
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

// readEdited reads the file the editor saved. An editor (or anything
// else) may have put something else in its place: a named pipe, which
// would block decline for ever, a device or a directory is refused, and
// so is a file too big to be a reply.
func readEdited(name string) ([]byte, error) {
	f, err := oserr.OpenNoWait(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the edited draft: %v", err)
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read the edited draft: %v", err)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("the edited draft %s is no longer a regular file (it is %s); %w", name, fileKind(info.Mode()), ErrDraftNotUsed)
	case info.Size() > maxEdited:
		return nil, fmt.Errorf("the edited draft is %d bytes long, more than a reply can be; %w", info.Size(), ErrDraftNotUsed)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxEdited+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the edited draft: %v", err)
	}
	if len(data) > maxEdited {
		return nil, fmt.Errorf("the edited draft grew past what a reply can be while it was read; %w", ErrDraftNotUsed)
	}
	return data, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m.IsDir():
		return "a directory"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "not a file"
}

// ErrDraftNotUsed ends the error of an editor that failed (vim's :cq
// exits with status 1): what it saved, if anything, was not used. A
// caller that goes on with the draft as it was says so instead.
var ErrDraftNotUsed = errors.New("the draft was not used")

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
		return fmt.Errorf("editor %s was killed by %v; %w", editor, ws.Signal(), ErrDraftNotUsed)
	}
	switch code := exit.ExitCode(); code {
	case 130:
		return ErrEditInterrupted
	case 126, 127:
		// The shell's own codes: not executable, not found.
		return fmt.Errorf("cannot run editor %s: the shell exited with %d (command not found or not executable); set VISUAL or EDITOR", editor, code)
	default:
		return fmt.Errorf("editor %s exited with status %d; %w", editor, code, ErrDraftNotUsed)
	}
}
