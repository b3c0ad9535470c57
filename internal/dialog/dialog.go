// Package dialog is decline's conversation with the user at a terminal,
// through a prompt.Prompter: the choices a catalog offers, the checks on
// each answer, and the review of a finished draft. It knows nothing of
// commands and flags: the caller says what each action does.
package dialog

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

// Review shows a draft on a terminal and lets the user print, copy, edit
// or re-word it.
type Review struct {
	Prompter prompt.Prompter
	// Out is where the draft and what went wrong are shown (standard
	// error), in bold when Color is set. Tip, when set, is shown under
	// the draft.
	Out   io.Writer
	Color bool
	Tip   string
	// Editor names the editor Edit opens, for the menu.
	Editor   string
	Template *catalog.Template
	Request  *compose.Request
	Message  *deliver.Message
	Format   string

	// Print writes the message out. Copy puts data, the message in
	// Format, on the clipboard; when it fails the menu is offered again.
	// Edit lets the user edit the message; an error that is
	// prompt.ErrCancelled ends the review, any other leaves the draft as
	// it was. Render renders the request again.
	Print  func() error
	Copy   func(data []byte) error
	Edit   func() error
	Render func(*compose.Request) (*compose.Reply, error)

	tipShown bool
}

// Run shows the draft and acts on the user's choices until one of them
// ends the review.
func (r *Review) Run() error {
	t, req, msg, p := r.Template, r.Request, r.Message, r.Prompter
	edited := false
	for {
		r.show(edited)
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
		actions := []string{"Print it", "Copy it to the clipboard", "Edit it in " + r.Editor}
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
			return r.Print()
		case "Copy it to the clipboard":
			// A failed copy goes back to the menu: print, edit or cancel
			// are still there, and nothing is lost.
			data, err := deliver.Render(msg, r.Format)
			if err != nil {
				return err
			}
			if err := r.Copy(data); err != nil {
				fmt.Fprintf(r.Out, "decline: cannot copy to the clipboard: %s; choose another way\n", oneLine(err.Error()))
				continue
			}
			return nil
		case another, personal:
			if actions[i] == personal {
				note, err := p.Input("Your personal line (one sentence, placed before the sign-off; leave it empty for none):", "", ValidNote)
				if err != nil {
					return err
				}
				req.Note = note
				req.Variant = msg.Reply.Variant
			} else {
				req.Variant = msg.Reply.Variant%len(t.Variants) + 1
			}
			reply, err := r.Render(req)
			if err != nil {
				return err
			}
			reply.Subject = msg.Reply.Subject
			msg.Reply = reply
			edited = false
		case "Cancel":
			return prompt.ErrCancelled
		default: // edit
			err := r.Edit()
			switch {
			case errors.Is(err, prompt.ErrCancelled):
				return err
			case err != nil:
				// The editor failed: the draft is as it was, which is
				// said once, in place of "not used".
				msg := strings.TrimSuffix(err.Error(), "; "+deliver.ErrDraftNotUsed.Error())
				fmt.Fprintf(r.Out, "decline: %s; the draft is unchanged\n", oneLine(msg))
			default:
				edited = true
			}
		}
	}
}

func (r *Review) show(edited bool) {
	rep := r.Message.Reply
	rule := strings.Repeat("─", 60)
	head := fmt.Sprintf("Draft: %s, wording %d of %d", rep.Template.ID, rep.Variant, len(rep.Template.Variants))
	if edited {
		head += ", edited by you"
	}
	if r.Color {
		head = "\x1b[1m" + head + "\x1b[0m"
	}
	fmt.Fprintf(r.Out, "\n%s\n%s\nSubject: %s\n\n%s%s\n", head, rule, rep.Subject, rep.Body, rule)
	// The tip is the same under every wording: once is enough.
	if r.Tip != "" && !r.tipShown {
		fmt.Fprintln(r.Out, r.Tip)
		r.tipShown = true
	}
}

// oneLine keeps an error message to one line, whatever it holds.
func oneLine(s string) string {
	return safetext.Escape(strings.Join(strings.Fields(s), " "))
}

// KindChoices are the kinds the catalog has, and when a relationship is
// given already, only those that have a reply for it.
func KindChoices(cat *catalog.Catalog, relationship string) []catalog.Choice {
	var out []catalog.Choice
	for _, id := range cat.KindsPresent(reply.Lang) {
		if relationship != "" && !slices.Contains(cat.RelationshipsFor(reply.Lang, id), relationship) {
			continue
		}
		out = append(out, reply.Label(cat.Locale(reply.Lang).Kinds, id))
	}
	return out
}

// RelationshipChoices are the relationships the catalog has replies for
// with a kind.
func RelationshipChoices(cat *catalog.Catalog, kind string) []catalog.Choice {
	var out []catalog.Choice
	for _, id := range cat.RelationshipsFor(reply.Lang, kind) {
		out = append(out, reply.Label(cat.Locale(reply.Lang).Relationships, id))
	}
	return out
}

// Choice offers labelled choices and returns the chosen id.
func Choice(p prompt.Prompter, question string, choices []catalog.Choice, def string) (string, error) {
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

// ValidName checks an answer to the name question.
func ValidName(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("a name is needed")
	}
	var te *reply.TextError
	if errors.As(reply.CheckText(reply.FieldName, "", s), &te) {
		return errors.New("that name " + te.Reason)
	}
	return nil
}

// ValidValue checks an answer to a value question.
func ValidValue(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("this reply needs a value here")
	}
	var te *reply.TextError
	if errors.As(reply.CheckText(reply.FieldValue, "", s), &te) {
		return errors.New("that value " + te.Reason)
	}
	return nil
}

// ValidNote checks a personal line.
func ValidNote(s string) error {
	var fe *compose.FieldError
	if errors.As(compose.CheckNote(s), &fe) {
		return errors.New("that line " + fe.Msg)
	}
	return nil
}
