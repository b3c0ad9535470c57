package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/dialog"
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
// edit or re-word it.
func review(f *Factory, p prompt.Prompter, t *catalog.Template, req *compose.Request, msg *deliver.Message, format, clipboard, configFlag string) error {
	r := &dialog.Review{
		Prompter: p, Out: f.IO.ErrOut, Color: f.IO.ColorEnabled(), Editor: deliver.EditorCommand(f.Env),
		Template: t, Request: req, Message: msg, Format: format,
		Print: func() error { return emit(f, msg, format, "") },
		Copy:  func(data []byte) error { return copyData(f, data, clipboard) },
		Edit:  func() error { return editReply(f, msg) },
		Render: func(req *compose.Request) (*compose.Reply, error) {
			reply, err := compose.Render(t, req)
			return reply, composeError(err)
		},
	}
	if req.Sender == "" {
		path, _, _ := config.Path(configFlag, f.Env)
		r.Tip = "Tip: to sign with your name, use --from NAME or add 'sender: Your Name' to " + path
	}
	return r.Run()
}

func editReply(f *Factory, msg *deliver.Message) error {
	edited, err := f.Edit(msg.Reply.Body)
	if errors.Is(err, deliver.ErrEmptyEdit) || errors.Is(err, deliver.ErrEditInterrupted) {
		return fmt.Errorf("%w: %v", errCancelled, err)
	}
	if err != nil {
		return err
	}
	msg.Reply.Body = edited
	return nil
}

// emit renders the message completely, then writes it once, or copies it.
func emit(f *Factory, msg *deliver.Message, format, copyMode string) error {
	data, err := deliver.Render(msg, format)
	if err != nil {
		return err
	}
	if copyMode != "" {
		if err := copyData(f, data, copyMode); err != nil {
			// Never lose the message: print it, then fail.
			if _, werr := f.IO.Out.Write(data); werr != nil {
				return fmt.Errorf("cannot copy to the clipboard: %v; %v", err, werr)
			}
			hint := ""
			if copyMode == deliver.ClipboardNative || copyMode == deliver.ClipboardAuto && !f.IO.IsStdinTTY() && !f.IO.IsStderrTTY() {
				hint = " (in a terminal, even over SSH, --copy=osc52 can use the terminal's clipboard)"
			}
			return fmt.Errorf("cannot copy to the clipboard: %v; the reply was printed instead%s", err, hint)
		}
		return nil
	}
	_, err = f.IO.Out.Write(data)
	return err
}

// copyData puts the reply on the clipboard and says how on standard
// error.
func copyData(f *Factory, data []byte, mode string) error {
	copied, err := f.Copy(string(data), mode)
	if err != nil {
		return err
	}
	if copied.Method != deliver.MethodOSC52 {
		fmt.Fprintf(f.IO.ErrOut, "Copied the reply to the clipboard with %s.\n", copied.Method)
		return nil
	}
	// The terminal cannot confirm OSC 52: say what it needs.
	msg := "Sent the reply to the terminal's clipboard with OSC 52"
	if copied.NativeErr != nil {
		msg += ", as no clipboard tool worked (" + copied.NativeErr.Error() + ")"
	}
	if f.Env("TMUX") != "" {
		msg += "; in tmux this needs 'set -g set-clipboard on'"
	} else {
		msg += "; if it is not there, the terminal does not accept OSC 52"
	}
	if mode == deliver.ClipboardAuto || mode == "" {
		// Chosen for the user, and unconfirmed: many terminals (GNOME
		// Terminal, any VTE one) ignore OSC 52, and an edited reply would
		// be gone. It is printed as well.
		if _, err := f.IO.Out.Write(data); err != nil {
			return err
		}
		msg += " (the reply is printed on standard output as well)"
	}
	fmt.Fprintln(f.IO.ErrOut, msg+".")
	return nil
}
