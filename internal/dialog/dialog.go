// Package dialog is decline's conversation with the user at a terminal,
// through a prompt.Prompter: the choices a catalog offers, the checks on
// each answer, and the review of a finished draft. It knows nothing of
// commands and flags: the caller says what each action does.
package dialog

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/preview"
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
	// it was. Render renders a request for a template.
	Print  func() error
	Copy   func(data []byte) error
	Edit   func() error
	Render func(*catalog.Template, *compose.Request) (*compose.Reply, error)

	// Width is the terminal's width in columns, to wrap the draft to (0:
	// not known, no wrapping).
	Width int
	// Subject is the subject the user gave, kept whatever the template;
	// empty, each template's own is used.
	Subject string
	// Catalog and Rebuild, when set, let the user change the tone and the
	// relationship: Rebuild returns the catalog's template for them, with
	// the request made again for it (a tone has its own sign-off).
	Catalog *catalog.Catalog
	Rebuild func(relationship, tone string) (*catalog.Template, *compose.Request, error)
	// Asker, when set, is the one that asked the draft's questions: it
	// knows the optional values the user skipped, which a new template
	// does not ask again.
	Asker *Asker

	tipShown bool
	values   map[string]string // every value given or answered, for any template
}

// The review's actions, as the menu offers them.
const (
	actPrint = iota
	actCopy
	actEdit
	actWording
	actNote
	actTone
	actRelationship
	actCancel
)

// Run shows the draft and acts on the user's choices until one of them
// ends the review.
func (r *Review) Run() error {
	p := r.Prompter
	edited := false
	for {
		r.show(edited)
		t, req := r.Template, r.Request
		drops := ""
		if edited {
			drops = " (drops your edits)"
		}
		var labels []string
		var acts []int
		add := func(act int, label string) {
			acts, labels = append(acts, act), append(labels, label)
		}
		add(actPrint, "Print it")
		add(actCopy, "Copy it to the clipboard")
		add(actEdit, "Edit it in "+r.Editor)
		if len(t.Variants) > 1 {
			add(actWording, "Try another wording"+drops)
		}
		if strings.TrimSpace(req.Note) != "" {
			add(actNote, "Change the personal line"+drops)
		} else {
			add(actNote, "Add a personal line"+drops)
		}
		if r.canRebuild() {
			if len(r.Catalog.TonesFor(t.Lang, t.Kind, t.Relationship)) > 1 {
				add(actTone, "Change the tone ("+t.Tone+")"+drops)
			}
			if len(r.Catalog.RelationshipsFor(t.Lang, t.Kind)) > 1 {
				add(actRelationship, "Change how you know "+compose.FirstNameFor(req.Name, req.FirstName)+drops)
			}
		}
		add(actCancel, "Cancel")
		i, err := p.Select("What would you like to do with it?", labels, 0)
		if err != nil {
			return err
		}
		switch acts[i] {
		case actPrint:
			return r.Print()
		case actCopy:
			// A failed copy goes back to the menu: print, edit or cancel
			// are still there, and nothing is lost.
			data, err := deliver.Render(r.Message, r.Format)
			if err != nil {
				return err
			}
			if err := r.Copy(data); err != nil {
				fmt.Fprintf(r.Out, "decline: cannot copy to the clipboard: %s; choose another way\n", oneLine(err.Error()))
				continue
			}
			return nil
		case actCancel:
			return prompt.ErrCancelled
		case actEdit:
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
			continue
		case actNote:
			note, err := p.Input("Your personal line (one sentence, placed before the sign-off; leave it empty for none):", "", ValidNote)
			if err != nil {
				return err
			}
			req.Note = note
			req.Variant = r.Message.Reply.Variant
		case actWording:
			req.Variant = r.Message.Reply.Variant%len(t.Variants) + 1
		case actTone, actRelationship:
			if err := r.switchTemplate(acts[i] == actTone); err != nil {
				return err
			}
		}
		if err := r.render(); err != nil {
			return err
		}
		edited = false
	}
}

// canRebuild reports whether the tone and relationship may change: the
// catalog chose the template, which a template named by id did not.
func (r *Review) canRebuild() bool {
	return r.Catalog != nil && r.Rebuild != nil && r.Template.Kind != "" && r.Template.Relationship != ""
}

// switchTemplate asks for another tone (or relationship) and takes the
// catalog's template for it, asking any value the new one needs that
// the draft did not have. The personal line stays.
func (r *Review) switchTemplate(tone bool) error {
	t, p := r.Template, r.Prompter
	loc := r.Catalog.Locale(t.Lang)
	rel, tn := t.Relationship, t.Tone
	first := compose.FirstNameFor(r.Request.Name, r.Request.FirstName)
	var err error
	if tone {
		var choices []catalog.Choice
		for _, id := range r.Catalog.TonesFor(t.Lang, t.Kind, rel) {
			choices = append(choices, reply.Label(loc.Tones, id))
		}
		if tn, err = Choice(p, "Which tone would you like?", choices, tn, loc.Synonyms.Tones); err != nil {
			return err
		}
	} else {
		var choices []catalog.Choice
		for _, id := range r.Catalog.RelationshipsFor(t.Lang, t.Kind) {
			choices = append(choices, reply.Label(loc.Relationships, id))
		}
		if rel, err = Choice(p, reply.RelationshipQuestion(first), choices, rel, loc.Synonyms.Relationships); err != nil {
			return err
		}
		// The tone stays when the relationship has it.
		if tones := r.Catalog.TonesFor(t.Lang, t.Kind, rel); len(tones) > 0 && !slices.Contains(tones, tn) {
			tn = tones[0]
		}
	}
	note := r.Request.Note
	if r.values == nil {
		r.values = maps.Clone(r.Request.Values)
	}
	nt, req, err := r.Rebuild(rel, tn)
	if err != nil {
		return err
	}
	req.Note = note
	// The new template may need or take values the draft did not have
	// (a user's template has its own): those are asked, the optional
	// ones skippable; those given or answered before are kept, for this
	// template and the next.
	a := r.Asker
	if a == nil {
		a = &Asker{Catalog: r.Catalog, Prompter: func() prompt.Prompter { return p }}
	}
	a.asked = true
	one := &reply.One{Name: req.Name, FirstName: req.FirstName, Values: r.values}
	if err := a.Values(nt, one, true); err != nil {
		return err
	}
	r.values = one.Values
	req.Values = map[string]string{}
	for _, v := range slices.Concat(nt.Requires, nt.Optional) {
		if answer, ok := r.values[v]; ok {
			req.Values[v] = answer
		}
	}
	r.Template, r.Request = nt, req
	return nil
}

// render renders the request again into the message.
func (r *Review) render() error {
	rep, err := r.Render(r.Template, r.Request)
	if err != nil {
		return err
	}
	if r.Subject != "" {
		rep.Subject = r.Subject
	}
	r.Message.Reply = rep
	return nil
}

func (r *Review) show(edited bool) {
	rep := r.Message.Reply
	rule := preview.Rule(r.Width)
	// Text stops a column short of the edge: some terminals (the Windows
	// console among them) wrap as soon as the last column is written, and
	// the newline after it would then leave a blank line.
	width := r.Width - 1
	parts := []string{"Draft: " + rep.Template.ID, fmt.Sprintf("wording %d of %d", rep.Variant, len(rep.Template.Variants))}
	if edited {
		parts = append(parts, "edited by you")
	}
	// Too wide for one line, each part has a line of its own, rather
	// than "wording 1 of" above a lone "2".
	head := strings.Join(parts, ", ")
	if r.Width > 0 && runewidth.StringWidth(head) > width {
		head = preview.Wrap(strings.Join(parts, ",\n"), width)
	}
	if r.Color {
		head = "\x1b[1m" + head + "\x1b[0m"
	}
	fmt.Fprintf(r.Out, "\n%s\n%s\n", head, rule)
	if r.Message.To != "" {
		fmt.Fprintln(r.Out, preview.Wrap("To: "+r.Message.To, width))
	}
	fmt.Fprintf(r.Out, "%s\n\n%s%s\n", preview.Wrap("Subject: "+rep.Subject, width), preview.Wrap(rep.Body, width), rule)
	// The tip is the same under every wording: once is enough.
	if r.Tip != "" && !r.tipShown {
		fmt.Fprintln(r.Out, preview.Wrap(r.Tip, width))
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

// Choice offers labelled choices and returns the chosen id. words are
// other words for each choice, by id (the locale's synonyms), which the
// menu's filter and the accessible prompter's answer match too.
func Choice(p prompt.Prompter, question string, choices []catalog.Choice, def string, words map[string][]string) (string, error) {
	if len(choices) == 0 {
		return "", errors.New("the catalog has nothing to choose from here")
	}
	options := make([]prompt.Option, len(choices))
	defIndex := 0
	for i, c := range choices {
		options[i] = prompt.Option{Label: c.Label, ID: c.ID, Words: words[c.ID]}
		if c.ID == def {
			defIndex = i
		}
	}
	i, err := prompt.SelectOption(p, question, options, defIndex)
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

// ValidOptionalValue checks an answer to an optional value's question:
// empty skips it.
func ValidOptionalValue(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return ValidValue(s)
}

// ValidNote checks a personal line.
func ValidNote(s string) error {
	var fe *compose.FieldError
	if errors.As(compose.CheckNote(s), &fe) {
		return errors.New("that line " + fe.Msg)
	}
	return nil
}
