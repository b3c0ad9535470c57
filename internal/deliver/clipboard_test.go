package deliver

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/testenv"
)

// fakeSystem stands in for the tools, the environment and the terminal.
type fakeSystem struct {
	env       map[string]string
	installed []string
	fail      map[string]string // tool -> what it says on failing
	ran       []string          // tools run, in order
	args      map[string][]string
	input     map[string][]byte
	cmdEnv    map[string][]string
	tty       bytes.Buffer
	noTTY     bool
}

func (s *fakeSystem) clipboard(goos string, interactive bool) *Clipboard {
	s.args, s.input, s.cmdEnv = map[string][]string{}, map[string][]byte{}, map[string][]string{}
	return &Clipboard{
		Env:  func(k string) string { return s.env[k] },
		GOOS: goos,
		LookPath: func(file string) (string, error) {
			if slices.Contains(s.installed, file) {
				return "/fake/bin/" + file, nil
			}
			return "", exec.ErrNotFound
		},
		Run: func(cmd *exec.Cmd) error {
			name := filepath.Base(cmd.Path)
			s.ran = append(s.ran, name)
			s.args[name] = cmd.Args[1:]
			s.cmdEnv[name] = cmd.Env
			s.input[name], _ = io.ReadAll(cmd.Stdin)
			if msg, ok := s.fail[name]; ok {
				return errors.New(msg)
			}
			return nil
		},
		OpenTerminal: func() (io.WriteCloser, error) {
			if s.noTTY {
				return nil, errors.New("/dev/tty: no such device or address")
			}
			return nopCloser{&s.tty}, nil
		},
		Interactive: interactive,
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func TestClipboardChain(t *testing.T) {
	x11 := map[string]string{"DISPLAY": ":0"}
	tests := []struct {
		name        string
		goos        string
		mode        string
		env         map[string]string
		installed   []string
		fail        map[string]string
		noTTY       bool
		interactive bool
		wantMethod  string
		wantRan     []string
		wantErr     string
		wantOSC52   bool
		wantSkipped string // why auto fell back to OSC 52
	}{
		{name: "x11: xclip first", env: x11, installed: []string{"xsel", "xclip"},
			wantMethod: "xclip", wantRan: []string{"xclip"}},
		{name: "wayland before x11", env: map[string]string{"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, installed: []string{"xclip", "wl-copy"},
			wantMethod: "wl-copy", wantRan: []string{"wl-copy"}},
		{name: "wayland without wl-copy uses xwayland", env: map[string]string{"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, installed: []string{"xsel"},
			wantMethod: "xsel", wantRan: []string{"xsel"}},
		{name: "a failing tool is passed over", env: x11, installed: []string{"xclip", "xsel"}, fail: map[string]string{"xclip": "Error: Can't open display: :0"},
			wantMethod: "xsel", wantRan: []string{"xclip", "xsel"}},
		{name: "all fail: the first failure is reported", env: x11, installed: []string{"xclip", "xsel"}, fail: map[string]string{"xclip": "no display", "xsel": "also no"},
			wantRan: []string{"xclip", "xsel"}, wantErr: "xclip failed: no display"},
		{name: "no display: tools are not run", env: map[string]string{}, installed: []string{"xclip", "xsel"},
			wantErr: "there is no graphical session to copy to: DISPLAY is not set"},
		{name: "no session at all", env: map[string]string{}, installed: []string{"xclip", "wl-copy"},
			wantErr: "there is no graphical session to copy to: WAYLAND_DISPLAY and DISPLAY are not set"},
		{name: "x11 without tools names what to install", env: x11,
			wantErr: "no clipboard tool found for X11: install xclip or xsel"},
		{name: "wayland without tools names what to install", env: map[string]string{"WAYLAND_DISPLAY": "wayland-0"},
			wantErr: "no clipboard tool found for Wayland: install wl-clipboard"},
		{name: "nothing at all", env: map[string]string{},
			wantErr: "no clipboard tool found: install xclip or xsel (X11) or wl-clipboard (Wayland)"},
		{name: "wsl: clip.exe needs no display", env: map[string]string{}, installed: []string{"xclip", "clip.exe"},
			wantMethod: "clip.exe", wantRan: []string{"clip.exe"}},
		{name: "macos: pbcopy", goos: "darwin", env: map[string]string{}, installed: []string{"pbcopy", "xclip"},
			wantMethod: "pbcopy", wantRan: []string{"pbcopy"}},
		{name: "macos without pbcopy", goos: "darwin", env: map[string]string{},
			wantErr: "pbcopy was not found"},
		{name: "windows: clip.exe", goos: "windows", env: map[string]string{}, installed: []string{"clip.exe"},
			wantMethod: "clip.exe", wantRan: []string{"clip.exe"}},

		{name: "auto over ssh: osc52 first", env: map[string]string{"DISPLAY": ":0", "SSH_TTY": "/dev/pts/3"}, installed: []string{"xclip"},
			wantMethod: MethodOSC52, wantOSC52: true},
		{name: "auto over ssh without a terminal: native", env: map[string]string{"DISPLAY": ":0", "SSH_TTY": "/dev/pts/3"}, installed: []string{"xclip"}, noTTY: true,
			wantMethod: "xclip", wantRan: []string{"xclip"}},
		{name: "auto at a terminal falls back to osc52", env: map[string]string{}, interactive: true,
			wantMethod: MethodOSC52, wantOSC52: true, wantSkipped: "no clipboard tool found"},
		{name: "auto at a terminal after a failing tool", env: x11, installed: []string{"xclip"}, fail: map[string]string{"xclip": "boom"}, interactive: true,
			wantMethod: MethodOSC52, wantRan: []string{"xclip"}, wantOSC52: true, wantSkipped: "xclip failed: boom"},
		{name: "auto without a person at a terminal does not write to it", env: map[string]string{},
			wantErr: "no clipboard tool found"},
		{name: "auto at a terminal that cannot be opened reports the native error", env: map[string]string{}, interactive: true, noTTY: true,
			wantErr: "no clipboard tool found"},
		{name: "native never uses the terminal", mode: ClipboardNative, env: map[string]string{"SSH_TTY": "/dev/pts/3"}, interactive: true,
			wantErr: "no clipboard tool found"},
		{name: "native over ssh still uses tools", mode: ClipboardNative, env: map[string]string{"DISPLAY": "localhost:10.0", "SSH_TTY": "/dev/pts/3"}, installed: []string{"xclip"},
			wantMethod: "xclip", wantRan: []string{"xclip"}},
		{name: "osc52 never runs tools", mode: ClipboardOSC52, env: x11, installed: []string{"xclip"},
			wantMethod: MethodOSC52, wantOSC52: true},
		{name: "osc52 without a terminal", mode: ClipboardOSC52, env: x11, installed: []string{"xclip"}, noTTY: true,
			wantErr: "OSC 52 needs a terminal, and there is none to write to (/dev/tty: no such device or address)"},
		{name: "unknown mode", mode: "pigeon", env: x11, installed: []string{"xclip"},
			wantErr: `unknown clipboard mode "pigeon" (choose one of: auto, native, osc52)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			goos := tt.goos
			if goos == "" {
				goos = "linux"
			}
			s := &fakeSystem{env: tt.env, installed: tt.installed, fail: tt.fail, noTTY: tt.noTTY}
			copied, err := s.clipboard(goos, tt.interactive).Copy("Hi Zoë,\n", tt.mode)
			method := copied.Method
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want one starting %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Errorf("error %v", err)
			}
			if method != tt.wantMethod {
				t.Errorf("method %q, want %q", method, tt.wantMethod)
			}
			if got := fmt.Sprint(copied.NativeErr); tt.wantSkipped == "" && copied.NativeErr != nil || tt.wantSkipped != "" && !strings.HasPrefix(got, tt.wantSkipped) {
				t.Errorf("fell back because %q, want %q", got, tt.wantSkipped)
			}
			if !slices.Equal(s.ran, tt.wantRan) {
				t.Errorf("ran %v, want %v", s.ran, tt.wantRan)
			}
			if got := s.tty.String(); tt.wantOSC52 != (got != "") {
				t.Errorf("terminal got %q, want OSC 52: %v", got, tt.wantOSC52)
			} else if tt.wantOSC52 && got != "\x1b]52;c;SGkgWm/DqywK\a" {
				t.Errorf("terminal got %q", got)
			}
		})
	}
}

// TestClipboardToolInput checks what each tool is given: its arguments,
// the text (UTF-16 for clip.exe), and a UTF-8 locale for pbcopy.
func TestClipboardToolInput(t *testing.T) {
	s := &fakeSystem{env: map[string]string{"DISPLAY": ":0"}, installed: []string{"xclip"}}
	if _, err := s.clipboard("linux", false).Copy("Hi Zoë\n", ""); err != nil {
		t.Fatal(err)
	}
	if got := s.args["xclip"]; !slices.Equal(got, []string{"-selection", "clipboard"}) {
		t.Errorf("xclip args %q", got)
	}
	if got := string(s.input["xclip"]); got != "Hi Zoë\n" {
		t.Errorf("xclip got %q", got)
	}

	s = &fakeSystem{env: map[string]string{"DISPLAY": ":0"}, installed: []string{"xsel"}}
	if _, err := s.clipboard("linux", false).Copy("x", ""); err != nil {
		t.Fatal(err)
	}
	if got := s.args["xsel"]; !slices.Equal(got, []string{"--clipboard", "--input"}) {
		t.Errorf("xsel args %q", got)
	}

	s = &fakeSystem{env: map[string]string{}, installed: []string{"clip.exe"}}
	if _, err := s.clipboard("linux", false).Copy("Zoë 🙏", ""); err != nil {
		t.Fatal(err)
	}
	want := []byte{0xff, 0xfe, 'Z', 0, 'o', 0, 0xeb, 0, ' ', 0, 0x3d, 0xd8, 0x4f, 0xde}
	if got := s.input["clip.exe"]; !bytes.Equal(got, want) {
		t.Errorf("clip.exe got % x, want % x", got, want)
	}

	s = &fakeSystem{env: map[string]string{}, installed: []string{"pbcopy"}}
	if _, err := s.clipboard("darwin", false).Copy("x", ""); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(s.cmdEnv["pbcopy"], "LC_CTYPE=UTF-8") {
		t.Errorf("pbcopy runs without a UTF-8 locale")
	}
}

func TestOSC52(t *testing.T) {
	if got := string(OSC52("Hi é")); got != "\x1b]52;c;SGkgw6k=\a" {
		t.Errorf("OSC52 = %q", got)
	}
}

// startXvfb starts a virtual X server on a free display and returns its
// name, or skips the test if there is no Xvfb.
func startXvfb(t *testing.T) string {
	t.Helper()
	xvfb := testenv.LookPath(t, "Xvfb", "skipping the real X clipboard test")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -displayfd: Xvfb picks a free display and writes its number once
	// it is ready for clients.
	cmd := exec.Command(xvfb, "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "320x200x24")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("cannot start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb did not say which display it uses: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// TestClipboardX11 copies with the real xclip and xsel into a virtual X
// server and reads the clipboard back. It also shows that decline does
// not wait on the process these tools leave behind to serve the
// clipboard: Copy returns while that process still holds the selection.
func TestClipboardX11(t *testing.T) {
	display := startXvfb(t)
	t.Setenv("DISPLAY", display)
	t.Setenv("WAYLAND_DISPLAY", "")
	text := "Hi Zoë,\n\nThanks — but no.\n"
	for _, tool := range []struct {
		name string
		read []string
	}{
		{"xclip", []string{"xclip", "-out", "-selection", "clipboard"}},
		{"xsel", []string{"xsel", "--clipboard", "--output"}},
	} {
		t.Run(tool.name, func(t *testing.T) {
			testenv.LookPath(t, tool.name, "skipping the real X clipboard test")
			c := &Clipboard{
				Env: os.Getenv,
				LookPath: func(file string) (string, error) {
					if file != tool.name {
						return "", exec.ErrNotFound
					}
					return exec.LookPath(file)
				},
			}
			copied, err := c.Copy(text, ClipboardNative)
			if err != nil || copied.Method != tool.name {
				t.Fatalf("Copy = %+v, %v", copied, err)
			}
			out, err := exec.Command(tool.read[0], tool.read[1:]...).Output()
			if err != nil {
				t.Fatalf("cannot read the clipboard back: %v", err)
			}
			if string(out) != text {
				t.Errorf("the clipboard holds %q, want %q", out, text)
			}
		})
	}

	t.Run("a display that does not answer", func(t *testing.T) {
		testenv.LookPath(t, "xclip", "skipping the unanswered display test")
		t.Setenv("DISPLAY", ":4095")
		c := &Clipboard{Env: os.Getenv, LookPath: func(file string) (string, error) {
			if file != "xclip" {
				return "", exec.ErrNotFound
			}
			return exec.LookPath(file)
		}}
		_, err := c.Copy(text, ClipboardNative)
		if err == nil || !strings.HasPrefix(err.Error(), "xclip failed: Error: Can't open display: :4095") {
			t.Errorf("error %v, want xclip's own complaint", err)
		}
	})
}

// TestOSC52CannotBeEnded: whatever the text holds (BEL, ST, another
// OSC), the sequence carries it as base64, so nothing in it can end the
// sequence early or start one of its own.
func TestOSC52CannotBeEnded(t *testing.T) {
	text := "a\a b\x1b\\ c\x1b]52;c;ZXZpbA==\a d\u009c"
	got := string(OSC52(text))
	payload, ok := strings.CutPrefix(got, "\x1b]52;c;")
	payload, ok2 := strings.CutSuffix(payload, "\a")
	if !ok || !ok2 || strings.Trim(payload, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != "" {
		t.Fatalf("OSC52 = %q", got)
	}
	if dec, err := base64.StdEncoding.DecodeString(payload); err != nil || string(dec) != text {
		t.Errorf("payload decodes to %q, %v", dec, err)
	}
}
