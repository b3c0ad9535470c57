package cli_test

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite testscript expectations and golden files")

func TestMain(m *testing.M) {
	if os.Getenv(ptyMainEnv) == "1" {
		os.Exit(cli.Main())
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
		},
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("HOME", home)
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
			// The sample files the README uses, such as requests.csv.
			samples, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
			env.Setenv("SAMPLES", samples)
			return err
		},
	})
}
