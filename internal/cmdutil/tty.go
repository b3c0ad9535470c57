package cmdutil

import (
	"os"

	"github.com/decline-cli/decline/internal/prompt"
)

// TerminalPrompter returns a prompter on the controlling terminal,
// /dev/tty, for a command whose standard input carries data (a message
// piped in): as git and gh do, the questions go to the terminal the user
// sits at. It returns nil when there is no terminal, as in cron, CI or a
// mail filter. The terminal stays open until the process ends.
func (f *Factory) TerminalPrompter(accessible bool) prompt.Prompter {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil
	}
	f.NeedSignals()
	if accessible {
		return prompt.NewAccessible(tty, tty)
	}
	return prompt.NewSurvey(tty, tty, f.IO.ColorEnabled())
}
