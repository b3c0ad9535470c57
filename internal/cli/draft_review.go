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
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
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
	senderTip := ""
	if req.Sender == "" {
		path, _, _ := config.Path(configFlag, f.Env)
		senderTip = "Tip: to sign with your name, use --from NAME or add 'sender: Your Name' to " + path
	}
	editor := deliver.EditorCommand(f.Env)
	edited := false
	for {
		showDraft(f, msg, edited, senderTip)
		another := "Try another wording"
		if edited {
			another += " (drops your edits)"
		}
		personal := "Add a personal line"
		if strings.TrimSpace(req.Note) != "" {
			personal = "Change the personal line"
		}
		if edited {
			personal += " (drops your edits)"
		}
		actions := []string{"Print it", "Copy it to the clipboard", "Edit it in " + editor}
		if len(t.Variants) > 1 {
			actions = append(actions, another)
		}
		actions = append(actions, personal, "Cancel")
		i, err := p.Select("What would you like to do with it?", actions, 0)
		if err != nil {
			return err
		}
		switch actions[i] {
		case "Print it":
			return emit(f, msg, format, "")
		case "Copy it to the clipboard":
			// A failed copy goes back to the menu: print, edit or cancel
			// are still there, and nothing is lost.
			data, err := deliver.Render(msg, format)
			if err != nil {
				return err
			}
			if err := copyData(f, data, clipboard); err != nil {
				fmt.Fprintf(f.IO.ErrOut, "decline: cannot copy to the clipboard: %s; choose another way\n", oneLine(err.Error()))
				continue
			}
			return nil
		case another, personal:
			if actions[i] == personal {
				note, err := p.Input("Your personal line (one sentence, placed before the sign-off; leave it empty for none):", "", validNote)
				if err != nil {
					return err
				}
				req.Note = note
				req.Variant = msg.Reply.Variant
			} else {
				req.Variant = msg.Reply.Variant%len(t.Variants) + 1
			}
			reply, err := compose.Render(t, req)
			if err != nil {
				return composeError(err)
			}
			reply.Subject = msg.Reply.Subject
			msg.Reply = reply
			edited = false
		case "Cancel":
			return errCancelled
		default: // edit
			err := editReply(f, msg)
			switch {
			case errors.Is(err, errCancelled):
				return err
			case err != nil:
				// The editor failed: the draft is as it was.
				fmt.Fprintf(f.IO.ErrOut, "decline: %s; the draft is unchanged\n", oneLine(err.Error()))
			default:
				edited = true
			}
		}
	}
}

func showDraft(f *Factory, msg *deliver.Message, edited bool, tip string) {
	r := msg.Reply
	rule := strings.Repeat("─", 60)
	head := fmt.Sprintf("Draft: %s, wording %d of %d", r.Template.ID, r.Variant, len(r.Template.Variants))
	if edited {
		head += ", edited by you"
	}
	if f.IO.ColorEnabled() {
		head = "\x1b[1m" + head + "\x1b[0m"
	}
	fmt.Fprintf(f.IO.ErrOut, "\n%s\n%s\nSubject: %s\n\n%s%s\n", head, rule, r.Subject, r.Body, rule)
	if tip != "" {
		fmt.Fprintln(f.IO.ErrOut, tip)
	}
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
				return werr
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
	fmt.Fprintln(f.IO.ErrOut, msg+".")
	return nil
}

// kindChoices are the kinds the catalog has, and when a relationship is
// given already, only those that have a reply for it.
func kindChoices(cat *catalog.Catalog, relationship string) []catalog.Choice {
	var out []catalog.Choice
	for _, id := range cat.KindsPresent(reply.Lang) {
		if relationship != "" && !slices.Contains(cat.RelationshipsFor(reply.Lang, id), relationship) {
			continue
		}
		out = append(out, reply.Label(cat.Locale(reply.Lang).Kinds, id))
	}
	return out
}

func relationshipChoices(cat *catalog.Catalog, kind string) []catalog.Choice {
	var out []catalog.Choice
	for _, id := range cat.RelationshipsFor(reply.Lang, kind) {
		out = append(out, reply.Label(cat.Locale(reply.Lang).Relationships, id))
	}
	return out
}

// askChoice offers labelled choices and returns the chosen id.
func askChoice(p prompt.Prompter, question string, choices []catalog.Choice, def string) (string, error) {
	if len(choices) == 0 {
		return "", errors.New("the catalog has nothing to choose from here")
	}
	labels := make([]string, len(choices))
	defIndex := 0
	for i, c := range choices {
		labels[i] = c.Label
		if c.ID == def {
			defIndex = i
		}
	}
	i, err := p.Select(question, labels, defIndex)
	if err != nil {
		return "", err
	}
	return choices[i].ID, nil
}

func validName(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("a name is needed")
	}
	var te *reply.TextError
	if errors.As(reply.CheckText(reply.FieldName, "", s), &te) {
		return errors.New("that name " + te.Reason)
	}
	return nil
}

func validValue(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("this reply needs a value here")
	}
	var te *reply.TextError
	if errors.As(reply.CheckText(reply.FieldValue, "", s), &te) {
		return errors.New("that value " + te.Reason)
	}
	return nil
}
