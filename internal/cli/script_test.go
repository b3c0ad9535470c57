package cli_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/cli"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/testenv"
	"github.com/decline-cli/decline/templates"
)

var update = flag.Bool("update", false, "rewrite testscript expectations and golden files")

// ptyMainEnv makes the test binary run decline itself, so that tests can
// drive the real program as a separate process (on a pseudo-terminal, or
// to send it signals).
const ptyMainEnv = "DECLINE_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(ptyMainEnv) == "1" {
		code := cli.Main()
		if name := os.Getenv(peakFileEnv); name != "" {
			writePeak(name)
		}
		os.Exit(code)
	}
	testscript.Main(m, map[string]func(){
		"decline": func() { os.Exit(cli.Main()) },
	})
}

// TestScript runs every end-to-end script in testdata/script: the real
// program, in-process, with exact standard output, standard error and exit
// codes. Each script starts with an empty HOME and XDG_CONFIG_HOME so
// that no developer's own templates or settings leak in.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exits CODE PROGRAM ARGS... runs a program, like exec, and
			// checks its exact exit status.
			"exits": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var exit *exec.ExitError
					if !errors.As(err, &exit) {
						ts.Fatalf("%v", err)
					}
					got = exit.ExitCode()
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
			// crlf FILE... gives files Windows line ends, which a txtar
			// archive cannot hold.
			"crlf": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, name := range args {
					data := strings.ReplaceAll(ts.ReadFile(name), "\n", "\r\n")
					ts.Check(os.WriteFile(ts.MkAbs(name), []byte(data), 0o666))
				}
			},
			"decode": decodeCmd,
			"export": exportCmd,
			// missing REASON: a [!exec:TOOL] script skips, or fails when
			// DECLINE_REQUIRE_TOOLS=1 (testenv.Missing).
			"missing": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: missing REASON")
				}
				testenv.Missing(ts.Value(scriptT{}).(testscript.T), args[0])
			},
			"repeat": repeatCmd,
			"safe":   safeCmd,
		},
		Setup: func(env *testscript.Env) error {
			env.Values[scriptT{}] = env.T()
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("HOME", home)
			// Scripts count templates against the catalog, not a number
			// written into them.
			env.Setenv("DEFAULTS", strconv.Itoa(len(templates.Specs())))
			// The English ones alone: what templates init copies.
			english := 0
			for _, s := range templates.Specs() {
				if s.Lang == catalog.DefaultLang {
					english++
				}
			}
			env.Setenv("EN_DEFAULTS", strconv.Itoa(english))
			env.Setenv("DEFAULTS_PLUS_1", strconv.Itoa(len(templates.Specs())+1))
			env.Setenv("DEFAULTS_PLUS_3", strconv.Itoa(len(templates.Specs())+3))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("NO_COLOR", "")
			env.Setenv("DECLINE_CONFIG", "")
			env.Setenv("DECLINE_ACCESSIBLE", "")
			env.Setenv("VISUAL", "")
			env.Setenv("EDITOR", "")
			// Where the decline command is, for scripts that set a PATH
			// of their own (such as one holding only stand-in tools).
			if exe, err := exec.LookPath("decline"); err == nil {
				env.Setenv("DECLINE_BIN_DIR", filepath.Dir(exe))
			}
			// Hostile characters for arguments, which a script cannot
			// write itself: ${ESC}]52;c;...${BEL} is an OSC 52 sequence.
			for name, v := range hostileChars {
				env.Setenv(name, v)
			}
			// The sample files the README uses, such as requests.csv.
			samples, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
			env.Setenv("SAMPLES", samples)
			if err != nil {
				return err
			}
			// Requests as real mail clients send them, for reply.
			mails, err := filepath.Abs(filepath.Join("..", "inbound", "testdata", "mail"))
			env.Setenv("MAILS", mails)
			return err
		},
	})
}

// scriptT is the key of the script's testscript.T, for missing.
type scriptT struct{}

// hostileChars are set in every script's environment, one of each class
// the outside-text policy refuses.
var hostileChars = map[string]string{
	"ESC": "\x1b",                 // starts CSI and OSC sequences
	"BEL": "\a",                   // ends an OSC sequence
	"DEL": "\x7f",                 // DEL
	"CSI": "\u009b",               // the one-character C1 CSI
	"NEL": "\u0085",               // a C1 line break
	"RLO": "\u202e",               // bidi override
	"LRI": "\u2066",               // bidi isolate
	"RLM": "\u200f",               // bidi mark
	"ALM": "\u061c",               // Arabic letter mark
	"LS":  "\u2028",               // Unicode line separator
	"BAD": "\xff",                 // invalid UTF-8
	"TAB": "\t",                   // a tab in a single-line value
	"NL":  "\n",                   // a line break in a single-line value
	"OSC": "\x1b]52;c;ZXZpbA==\a", // OSC 52: would write the clipboard
}

// hostileEscape matches the notation decode replaces: <U+XXXX> for a
// character, <0xXX> for a byte.
var hostileEscape = regexp.MustCompile(`<U\+([0-9A-F]{4,6})>|<0x([0-9A-F]{2})>`)

// decodeCmd is "decode FILE...": it replaces <U+001B> with that character
// and <0xFF> with that byte in each file, for hostile input that a txtar
// archive cannot hold or a reader could not see.
func decodeCmd(ts *testscript.TestScript, neg bool, args []string) {
	for _, name := range args {
		ts.Check(os.WriteFile(ts.MkAbs(name), decodeHostile(ts.ReadFile(name)), 0o666))
	}
}

func decodeHostile(s string) []byte {
	return hostileEscape.ReplaceAllFunc([]byte(s), func(m []byte) []byte {
		sub := hostileEscape.FindSubmatch(m)
		if len(sub[1]) > 0 {
			r, _ := strconv.ParseUint(string(sub[1]), 16, 32)
			return utf8.AppendRune(nil, rune(r))
		}
		b, _ := strconv.ParseUint(string(sub[2]), 16, 8)
		return []byte{byte(b)}
	})
}

// repeatCmd is "repeat FILE N TEXT": it appends TEXT (in decode's
// notation: <U+000A> is a line break) to FILE N times, for huge and
// deeply nested input.
func repeatCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: repeat FILE N TEXT")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	ts.Check(err)
	_, err = f.Write(bytes.Repeat(decodeHostile(args[2]), n))
	ts.Check(err)
	ts.Check(f.Close())
}

// safeCmd is "safe stdout|stderr|FILE...": it fails if the text holds a
// character the outside-text policy forbids (a form feed, which batch's
// text output puts between replies, aside), so a script can show that
// nothing hostile reached the terminal or a file.
func safeCmd(ts *testscript.TestScript, neg bool, args []string) {
	for _, name := range args {
		text := ts.ReadFile(name) // "stdout" and "stderr" are the last command's
		p := safetext.Check(strings.ReplaceAll(text, "\f", ""), true)
		if neg && p == nil {
			ts.Fatalf("%s holds nothing unsafe", name)
		}
		if !neg && p != nil {
			ts.Fatalf("%s %s at byte %d: %q", name, p.Reason, p.Offset, text)
		}
	}
}
