package deliver

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/decline-cli/decline/internal/safetext"
)

// The ways Copy can put text on the clipboard.
const (
	// ClipboardAuto uses OSC 52 over SSH, else the first native tool that
	// works, else OSC 52 when a person is at a terminal.
	ClipboardAuto = "auto"
	// ClipboardNative uses a native tool only.
	ClipboardNative = "native"
	// ClipboardOSC52 writes the OSC 52 sequence to the terminal only.
	ClipboardOSC52 = "osc52"
)

// ClipboardModes lists the modes, as --copy and config.yaml accept them.
var ClipboardModes = []string{ClipboardAuto, ClipboardNative, ClipboardOSC52}

// MethodOSC52 is the method Copy reports when it used the terminal.
const MethodOSC52 = "OSC 52"

// toolTimeout bounds one clipboard tool, which should take a moment; one
// that hangs (an X display that does not answer) must not hang decline.
const toolTimeout = 10 * time.Second

// Clipboard puts text on the clipboard, through a native tool (wl-copy,
// xclip, xsel, pbcopy, clip.exe) or through the terminal with the OSC 52
// escape sequence. Every part that touches the system can be replaced,
// so that tests run the chain with fakes.
type Clipboard struct {
	// Env looks up environment variables: DISPLAY, WAYLAND_DISPLAY,
	// SSH_TTY.
	Env func(string) string
	// GOOS is the operating system whose tools to try; runtime.GOOS when
	// empty.
	GOOS string
	// LookPath finds a tool; exec.LookPath when nil.
	LookPath func(file string) (string, error)
	// Run runs a tool with text on its standard input; when nil, the tool
	// runs with its errors kept for the message.
	Run func(cmd *exec.Cmd) error
	// OpenTerminal opens the terminal for OSC 52; /dev/tty when nil.
	OpenTerminal func() (io.WriteCloser, error)
	// Interactive reports that a person is at a terminal, so that auto
	// may fall back to OSC 52 when no native tool works.
	Interactive bool
}

// tool is one native clipboard program.
type tool struct {
	name  string
	args  []string
	needs string // an environment variable that must be set, or ""
	utf16 bool   // clip.exe reads UTF-16 with a byte order mark
}

// tools lists the native tools to try on an operating system, in order.
func tools(goos string) []tool {
	switch goos {
	case "darwin":
		return []tool{{name: "pbcopy"}}
	case "windows":
		return []tool{{name: "clip.exe", utf16: true}}
	}
	return []tool{
		{name: "wl-copy", needs: "WAYLAND_DISPLAY"},
		{name: "xclip", args: []string{"-selection", "clipboard"}, needs: "DISPLAY"},
		{name: "xsel", args: []string{"--clipboard", "--input"}, needs: "DISPLAY"},
		// Windows' own tool, reachable from WSL.
		{name: "clip.exe", utf16: true},
	}
}

// Copied says how Copy put text on the clipboard.
type Copied struct {
	// Method is the native tool's name, or MethodOSC52.
	Method string
	// NativeErr is why no native tool took the text, when auto fell back
	// to OSC 52 after trying them; nil otherwise.
	NativeErr error
}

// Copy puts text on the clipboard in a mode (auto, native or osc52; ""
// means auto) and says how. OSC 52 cannot be confirmed: a terminal that
// does not accept it ignores it. The error says what was tried and what
// would make copying work.
func (c *Clipboard) Copy(text, mode string) (Copied, error) {
	switch mode {
	case "", ClipboardAuto:
		if c.Env("SSH_TTY") != "" {
			if err := c.osc52(text); err == nil {
				return Copied{Method: MethodOSC52}, nil
			}
		}
		method, err := c.native(text)
		if err == nil {
			return Copied{Method: method}, nil
		}
		if c.Interactive {
			if c.osc52(text) == nil {
				return Copied{Method: MethodOSC52, NativeErr: err}, nil
			}
		}
		return Copied{}, err
	case ClipboardNative:
		method, err := c.native(text)
		return Copied{Method: method}, err
	case ClipboardOSC52:
		if err := c.osc52(text); err != nil {
			return Copied{}, err
		}
		return Copied{Method: MethodOSC52}, nil
	}
	return Copied{}, fmt.Errorf("unknown clipboard mode %s (choose one of: %s)", safetext.Quote(mode), strings.Join(ClipboardModes, ", "))
}

// native tries each native tool in turn.
func (c *Clipboard) native(text string) (string, error) {
	goos := c.GOOS
	if goos == "" {
		goos = runtime.GOOS
	}
	lookPath := c.LookPath
	if lookPath == nil {
		lookPath = exec.LookPath
	}
	var failed error
	var unset []string // what installed tools need and do not have
	sessions := map[string]bool{}
	for _, t := range tools(goos) {
		if t.needs != "" && c.Env(t.needs) != "" {
			sessions[t.needs] = true
		}
		path, err := lookPath(t.name)
		if err != nil {
			continue
		}
		if t.needs != "" && c.Env(t.needs) == "" {
			if !slices.Contains(unset, t.needs) {
				unset = append(unset, t.needs)
			}
			continue
		}
		if err := c.runTool(t, path, text); err != nil {
			if failed == nil {
				failed = err
			}
			continue
		}
		return t.name, nil
	}
	switch {
	case failed != nil:
		return "", failed
	case goos == "darwin" || goos == "windows":
		return "", fmt.Errorf("%s was not found", tools(goos)[0].name)
	case sessions["WAYLAND_DISPLAY"]:
		return "", errors.New("no clipboard tool found for Wayland: install wl-clipboard")
	case sessions["DISPLAY"]:
		return "", errors.New("no clipboard tool found for X11: install xclip or xsel")
	case len(unset) == 1:
		return "", fmt.Errorf("there is no graphical session to copy to: %s is not set", unset[0])
	case len(unset) > 1:
		return "", fmt.Errorf("there is no graphical session to copy to: %s are not set", strings.Join(unset, " and "))
	}
	return "", errors.New("no clipboard tool found: install xclip or xsel (X11) or wl-clipboard (Wayland)")
}

// runTool runs one tool with text on its standard input.
func (c *Clipboard) runTool(t tool, path, text string) error {
	in := []byte(text)
	if t.utf16 {
		in = utf16LE(text)
	}
	ctx, cancel := context.WithTimeout(context.Background(), toolTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, t.args...)
	cmd.Stdin = bytes.NewReader(in)
	if t.name == "pbcopy" {
		// pbcopy reads text in the locale's encoding; make it UTF-8.
		cmd.Env = append(os.Environ(), "LC_CTYPE=UTF-8")
	}
	run := c.Run
	if run == nil {
		run = runKeepingErrors
	}
	if err := run(cmd); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s did not finish within %v", t.name, toolTimeout)
		}
		return fmt.Errorf("%s failed: %v", t.name, err)
	}
	return nil
}

// runKeepingErrors runs a tool with its standard error in a temporary
// file, and returns the first line of it with the failure. A file, not a
// pipe: xclip, xsel and wl-copy leave a process behind to serve the
// clipboard, which would hold a pipe open (and decline waiting) for as
// long as the text stays on the clipboard.
func runKeepingErrors(cmd *exec.Cmd) error {
	errFile, err := os.CreateTemp("", "decline-clipboard-*.err")
	if err != nil {
		return cmd.Run()
	}
	defer os.Remove(errFile.Name())
	defer errFile.Close()
	cmd.Stderr = errFile
	runErr := cmd.Run()
	if runErr == nil {
		return nil
	}
	msg, _ := os.ReadFile(errFile.Name())
	first, _, _ := strings.Cut(strings.TrimSpace(string(msg)), "\n")
	if first = strings.TrimSpace(first); first != "" {
		if len(first) > 200 {
			first = first[:200] + "..."
		}
		return fmt.Errorf("%s (%v)", safetext.Escape(first), runErr)
	}
	return runErr
}

// utf16LE encodes text as clip.exe understands it without a code page:
// UTF-16, little-endian, after a byte order mark.
func utf16LE(text string) []byte {
	units := utf16.Encode([]rune(text))
	out := make([]byte, 2, 2+2*len(units))
	out[0], out[1] = 0xff, 0xfe
	for _, u := range units {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// OSC52 returns the escape sequence that asks a terminal to put text on
// the system clipboard: OSC 52, the "c" (clipboard) selection, the text
// in base64, ended by BEL, which more terminals accept than ST.
func OSC52(text string) []byte {
	return []byte("\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a")
}

// osc52 writes the sequence to the terminal itself, never to standard
// output, which may be a pipe or a file.
func (c *Clipboard) osc52(text string) error {
	open := c.OpenTerminal
	if open == nil {
		open = openTTY
	}
	tty, err := open()
	if err != nil {
		return fmt.Errorf("OSC 52 needs a terminal, and there is none to write to (%v)", err)
	}
	_, werr := tty.Write(OSC52(text))
	if cerr := tty.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("cannot write OSC 52 to the terminal: %v", werr)
	}
	return nil
}

func openTTY() (io.WriteCloser, error) {
	f, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %v", filepath.Clean(pe.Path), pe.Err)
		}
		return nil, err
	}
	return f, nil
}
