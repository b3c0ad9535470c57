package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestClosedStdout: with standard output closed (>&-), the Go runtime
// puts /dev/null in its place, and decline used to write the reply there
// and exit 0, or, with --copy=native and no clipboard, claim that the
// reply "was printed instead". It fails instead, before anything is
// read; >/dev/null is still a way to throw output away.
func TestClosedStdout(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "r.csv")
	if err := os.WriteFile(csv, []byte("name,relationship\nScott,stranger\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const closed = "standard output is closed, so nothing can be written to it"
	for _, tc := range []struct {
		shell string
		want  string // in stderr; "" for success
	}{
		{`"$0" draft -n Scott -r stranger >&-`, "decline: " + closed},
		{`"$0" draft -n Scott -r stranger --copy=native >&-`, "; " + closed},
		{`"$0" batch "$1" >&-`, "decline: " + closed},
		{`"$0" batch "$1" --dry-run >&-`, "decline: " + closed},
		{`"$0" draft -n Scott -r stranger >/dev/null`, ""},
		{`"$0" batch "$1" >/dev/null`, ""},
	} {
		t.Run(tc.shell, func(t *testing.T) {
			cmd := declineCmd(t)
			cmd.Path, cmd.Args = "/bin/sh", []string{"sh", "-c", tc.shell, os.Args[0], csv}
			cmd.Env = append(cmd.Env, "DISPLAY=", "WAYLAND_DISPLAY=")
			out, err := cmd.CombinedOutput()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("%v: %s", err, out)
			case tc.want != "" && (cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), tc.want)):
				t.Errorf("exit %d, %q; want exit 1 saying %q", cmd.ProcessState.ExitCode(), out, tc.want)
			case strings.Contains(string(out), "printed instead"):
				t.Errorf("claims the reply was printed: %q", out)
			}
		})
	}
}
