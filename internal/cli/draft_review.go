package cli

import (
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/dialog"
	"github.com/decline-cli/decline/internal/preview"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/safetext"
)

// copyConfigured is --copy's value when it is given bare: copy the way
// config.yaml says, or auto. It doubles as the help text's list of modes
// (--copy[=auto|native|osc52]).
var copyConfigured = strings.Join(deliver.ClipboardModes, "|")

// copyFlag is --copy's value. Unlike a plain string flag, it tells a bare
// --copy (copy the configured way) from --copy=auto.
type copyFlag struct {
	value string
	set   bool
}

func (c *copyFlag) String() string { return c.value }

func (c *copyFlag) Set(s string) error {
	c.value, c.set = s, true
	return nil
}

// Type is empty so that help shows --copy[=auto|native|osc52] rather
// than a type name.
func (c *copyFlag) Type() string { return "" }

// mode is the clipboard mode to copy in, or "" to print instead.
func (c *copyFlag) mode(configured string) (string, error) {
	switch {
	case !c.set:
		return "", nil
	case c.value == copyConfigured:
		return configured, nil
	case slices.Contains(deliver.ClipboardModes, c.value):
		return c.value, nil
	}
	return "", usageErrorf("unknown --copy mode %s (choose one of: %s)", safetext.Quote(c.value), strings.Join(deliver.ClipboardModes, ", "))
}

// review shows the draft on a terminal and lets the user print, copy,
// edit or re-word it. Options, when given, set more of the review: how
// to render again (the template alone, when not set), what may change,
// the user's own subject.
func review(f *Factory, p prompt.Prompter, t *catalog.Template, req *compose.Request, msg *deliver.Message, format, clipboard, configFlag string, options ...func(*dialog.Review)) error {
	r := &dialog.Review{
		Prompter: p, Out: f.IO.ErrOut, Color: f.IO.ColorEnabled(), Editor: deliver.EditorCommand(f.Env),
		Template: t, Request: req, Message: msg, Format: format, Width: f.IO.TerminalWidth(),
		Print: func() error { return f.Emit(msg, format, "") },
		Copy:  func(data []byte) error { return f.CopyData(data, clipboard) },
		Edit:  func() error { return f.EditReply(msg) },
		Render: func(t *catalog.Template, req *compose.Request) (*compose.Reply, error) {
			reply, err := compose.Render(t, req)
			return reply, composeError(err)
		},
	}
	for _, o := range options {
		o(r)
	}
	if req.Sender == "" {
		path, _, _ := config.Path(configFlag, f.Env)
		r.Tip = "Tip: to sign with your name, use --from NAME or add 'sender: Your Name' to " + preview.HomePath(path, f.Env("HOME"))
	}
	return r.Run()
}
