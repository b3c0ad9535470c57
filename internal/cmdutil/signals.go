package cmdutil

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, as SPEC section 10 defines them.
const (
	ExitOK        = 0
	ExitError     = 1
	ExitUsage     = 2
	ExitCancelled = 130
)

// HandleSignals makes Ctrl-C, SIGTERM, SIGHUP and SIGQUIT run the registered
// clean-ups and end the process, from the first time something needs
// it (see NeedSignals). Only a real process calls it: tests don't.
func (f *Factory) HandleSignals() {
	f.watchSignals = func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
		go func() {
			// A Ctrl-C outside a prompt (survey reads it as a key) ends
			// the run at once, after any registered clean-up, with nothing
			// more on standard output. While an editor runs, the editor
			// decides what Ctrl-C means, as with git. SIGTERM (kill) and
			// SIGHUP (the terminal closed) and SIGQUIT clean up the same way, and exit
			// as the shell reports a death by that signal: 128 plus its
			// number.
			var s os.Signal
			for s = range sig {
				if s != os.Interrupt || !f.interruptsHeld() {
					break
				}
			}
			f.interrupted()
			if s != os.Interrupt {
				os.Exit(128 + int(s.(syscall.Signal)))
			}
			if !f.said.Load() {
				fmt.Fprintln(f.IO.ErrOut, "\ndecline: cancelled")
			}
			os.Exit(ExitCancelled)
		}()
	}
}
