package cmdutil

import (
	"errors"
	"fmt"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/prompt"
)

// Emit renders the message completely, then writes it once to standard
// output, or copies it in copyMode when that is set.
func (f *Factory) Emit(msg *deliver.Message, format, copyMode string) error {
	data, err := deliver.Render(msg, format)
	if err != nil {
		return err
	}
	if copyMode != "" {
		if err := f.CopyData(data, copyMode); err != nil {
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
	if _, err := f.IO.Out.Write(data); err != nil {
		return fmt.Errorf("cannot write the reply: %w", oserr.Cause(err))
	}
	return nil
}

// CopyData puts the reply on the clipboard and says how on standard
// error.
func (f *Factory) CopyData(data []byte, mode string) error {
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

// EditReply opens the reply's body in the user's editor and keeps what
// was saved; an empty or interrupted edit cancels.
func (f *Factory) EditReply(msg *deliver.Message) error {
	edited, err := f.Edit(msg.Reply.Body)
	if errors.Is(err, deliver.ErrEmptyEdit) || errors.Is(err, deliver.ErrEditInterrupted) {
		return fmt.Errorf("%w: %v", prompt.ErrCancelled, err)
	}
	if err != nil {
		return err
	}
	msg.Reply.Body = edited
	return nil
}
