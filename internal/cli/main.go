// Package cli wires decline's commands: it turns flags into options, runs
// them against the catalog, composer and delivery packages, and maps every
// error to one line on standard error and an exit code.
package cli

import (
	"context"
	"os"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/iostreams"
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
	root := newRootCmd(f, leafCommand(args))
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if f.Exiting() {
		// Ctrl-C is ending the run with status 130; its clean-ups may
		// have made the command fail, and that is no news.
		select {}
	}
	return cmdutil.HandleError(cmdutil.CobraError(err), f.IO.ErrOut)
}

// oneLine keeps an error message to one line, whatever it holds.
var oneLine = cmdutil.OneLine

// Factory is what commands need from the outside world.
type Factory = cmdutil.Factory

// NewFactory returns a factory for real streams and environment.
func NewFactory(ios *iostreams.IOStreams, env config.Env) *Factory { return cmdutil.New(ios, env) }
