package cli

import (
	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/dialog"
	"github.com/decline-cli/decline/internal/preview"
	"github.com/decline-cli/decline/internal/prompt"
)

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
