// Package cli wires decline's commands: it turns flags into options, runs
// them against the catalog, composer and delivery packages, and maps every
// error to one line on standard error and an exit code.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/safetext"
)

// Exit codes, as SPEC section 10 defines them.
const (
	ExitOK        = cmdutil.ExitOK
	ExitError     = cmdutil.ExitError
	ExitUsage     = cmdutil.ExitUsage
	ExitCancelled = cmdutil.ExitCancelled
)

// UsageError is a mistake in how decline was called: exit 2.
type UsageError = cmdutil.UsageError

// usageErrorf words a usage error; a %w in format keeps its cause.
func usageErrorf(format string, args ...any) error { return cmdutil.UsageErrorf(format, args...) }

// errCancelled is the user giving up: exit 130, with a one-line
// "decline: cancelled" (and why, when there is more to say) on stderr.
var errCancelled = prompt.ErrCancelled

// Main runs decline with the process's arguments and streams and returns
// the exit code.
func Main() int {
	ios := iostreams.System()
	f := NewFactory(ios, os.Getenv)
	f.HandleSignals()
	return Run(context.Background(), f, os.Args[1:])
}

// Run executes one command line against a factory and returns the exit
// code, printing any error on the factory's standard error.
func Run(ctx context.Context, f *Factory, args []string) int {
	root := NewRootCmd(f)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if f.Exiting() {
		// Ctrl-C is ending the run with status 130; its clean-ups may
		// have made the command fail, and that is no news.
		select {}
	}
	return handleError(cobraError(err), f.IO.ErrOut)
}

// cobraError rewrites the errors cobra makes itself into decline's
// one-line usage errors. cobra reports an unknown command as
// "unknown command \"x\" for \"decline\"", then suggestions on lines of
// their own.
func cobraError(err error) error {
	if err == nil {
		return nil
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		return err
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return err
	}
	lines := strings.Split(msg, "\n")
	head := strings.TrimSuffix(lines[0], ` for "decline"`)
	var suggest []string
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "\t") {
			suggest = append(suggest, strconv.Quote(strings.TrimSpace(l)))
		}
	}
	if len(suggest) > 0 {
		return usageErrorf("%s (did you mean %s?)", head, strings.Join(suggest, " or "))
	}
	return usageErrorf("%s (see 'decline --help')", head)
}

func handleError(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errCancelled) {
		// "cancelled", or "cancelled: " and why, such as an empty edit.
		fmt.Fprintf(stderr, "decline: %s\n", oneLine(err.Error()))
		return ExitCancelled
	}
	code := ExitError
	var usage *UsageError
	if errors.As(err, &usage) {
		code = ExitUsage
	}
	fmt.Fprintf(stderr, "decline: %s\n", oneLine(err.Error()))
	return code
}

// oneLine keeps an error message to one line, whatever it holds.
func oneLine(s string) string {
	return safetext.Escape(strings.Join(strings.Fields(s), " "))
}

// Factory is what commands need from the outside world.
type Factory = cmdutil.Factory

// NewFactory returns a factory for real streams and environment.
func NewFactory(ios *iostreams.IOStreams, env config.Env) *Factory { return cmdutil.New(ios, env) }
