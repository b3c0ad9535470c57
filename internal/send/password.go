// Package send hands finished replies to the user's own mail server: by
// SMTP, or through a sendmail-like command, and keeps a log of what the
// server accepted so that nothing is sent twice. It knows nothing of
// commands or flags.
package send

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/safetext"
)

// passwordTimeout bounds a password command: one that asks for a
// passphrase on the terminal, or a keyring that asks on a window, may
// take a while, a hung one must not hang decline. Without a terminal
// nobody can answer it, and it has less time.
var (
	passwordTimeout           = 2 * time.Minute
	passwordTimeoutNoTerminal = 30 * time.Second
)

// Password returns the password of server key ("smtp", "imap"): the
// first line its password_command prints, or the value of its
// password_env variable. A server without a username needs none.
func Password(key string, s *config.Server, env config.Env) (password string, err error) {
	defer func() {
		if err == nil {
			remember(s.Username, password)
		}
	}()
	switch {
	case s.PasswordEnv != "":
		pw := env(s.PasswordEnv)
		if pw == "" {
			return "", fmt.Errorf("%s password: the environment variable %s is empty or not set", key, s.PasswordEnv)
		}
		return pw, nil
	case s.PasswordCommand != "":
		limit, terminal := passwordTimeoutNoTerminal, hasTerminal()
		if terminal {
			limit = passwordTimeout
		}
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		defer cancel()
		cmd := shell(ctx, s.PasswordCommand)
		if !terminal {
			// At the timeout the whole process group goes, not only
			// the shell: a child (sleep, gpg waiting on pinentry)
			// would hold the output pipe open.
			killGroup(cmd)
		}
		// With a terminal the command stays in decline's process
		// group, the terminal's foreground one, so that it may ask
		// there (bw, op, gpg's loopback pinentry): in a group of its
		// own, reading the terminal would stop it for good. At the
		// timeout the shell is killed, and WaitDelay stops the wait for
		// a child that holds the output pipe.
		cmd.WaitDelay = time.Second
		// Its error output is never shown: a secret typed in place of
		// a command would be shown back ("sh: hunter2: not found"), and
		// a password store may print what it holds. Its exit status
		// is said, and the user can run it to see the rest.
		cmd.Stderr = nil
		out, err := cmd.Output()
		if err != nil {
			var ee *exec.ExitError
			why := "it did not run"
			switch {
			case errors.Is(ctx.Err(), context.DeadlineExceeded):
				why = "it did not finish in " + limit.String()
			case errors.As(err, &ee) && ee.ExitCode() >= 0:
				why = fmt.Sprintf("it exited with status %d", ee.ExitCode())
			case errors.As(err, &ee):
				why = "it was stopped by a signal"
			}
			return "", fmt.Errorf("%s password: its password_command failed (%s): run it yourself to see why", key, why)
		}
		pw := strings.TrimRight(strings.SplitN(string(out), "\n", 2)[0], "\r")
		if pw == "" {
			return "", fmt.Errorf("%s password: the command %s printed nothing", key, safetext.Quote(s.PasswordCommand))
		}
		return pw, nil
	}
	return "", nil
}

// shell runs a command line of the user's configuration.
func shell(ctx context.Context, command string) *exec.Cmd {
	if runtime.GOOS == "windows" {
		return exec.CommandContext(ctx, "cmd", "/C", command)
	}
	return exec.CommandContext(ctx, "/bin/sh", "-c", command)
}

func firstLine(s string) string {
	return strings.TrimSpace(strings.SplitN(strings.TrimSpace(s), "\n", 2)[0])
}
