package send

import (
	"fmt"
	"strings"

	"github.com/decline-cli/decline/internal/plural"
)

// Console is the user's terminal as a run sees it; the CLI provides it.
type Console interface {
	// Ask asks a question whose answer is yes or no, no by default; n
	// is how many messages a yes sends.
	Ask(question string, n int) (bool, error)
	// Line prints one line of what happened.
	Line(s string)
	// Status shows how far the run is on a line of its own, which ""
	// clears; without a terminal it shows nothing.
	Status(s string)
}

// Talker is the Reporter that words a run for a Console: the question
// before sending, a line for each message skipped or refused, progress.
type Talker struct {
	Console Console
	// Drafts words it for drafts saved, not messages sent.
	Drafts bool
	// Ask is whether to ask before the first message goes.
	Ask bool
	// One is a run of a single reply, whose refusal is the run's error,
	// not a line; Shown is that reply as it is shown before the question
	// (To, From, Subject, then the text), and To its recipient.
	One       bool
	Shown, To string
	// From and Via are the sender's address and where the messages go,
	// for the question; Total counts the messages of the run.
	From, Via string
	Total     int
	// Again is how the user sends a skipped message anyway, such as
	// a flag, for the skip lines; "" leaves it out.
	Again string

	shown, hidden int
	// plan is what Confirm was told the run does, when it was.
	plan *Counts
}

// maxSkipLines is how many "already sent" lines a run prints before it
// only counts them.
const maxSkipLines = 5

func (t *Talker) pick(sending, saving string) string {
	if t.Drafts {
		return saving
	}
	return sending
}

// Confirm asks before sending, when Ask is set: one reply after showing
// it, a batch with how many go and what the log and the limit leave.
func (t *Talker) Confirm(plan Counts) (bool, error) {
	t.plan = &plan
	if !t.Ask {
		return true, nil
	}
	from := ShownAddress(t.From)
	q := fmt.Sprintf("Send %s from %s through %s?", plural.N(plan.Sent, "reply", "replies"), from, t.Via)
	if t.One {
		t.Console.Line(t.Shown)
		q = fmt.Sprintf("Send this reply to %s from %s through %s?", ShownAddress(t.To), from, t.Via)
	} else if left := planSkips(plan); left != "" {
		t.Console.Line(fmt.Sprintf("Of the %d replies, skipping %s.", t.Total, left))
	}
	return t.Console.Ask(q, plan.Sent)
}

// planSkips words what a plan leaves out, or "".
func planSkips(c Counts) string {
	var parts []string
	for _, n := range []struct {
		n    int
		what string
	}{{c.Skipped, "already sent"}, {c.Repeated, "repeated in this run"}, {c.Limited, "over the limit"}} {
		if n.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n.n, n.what))
		}
	}
	return strings.Join(parts, ", ")
}

// Progress shows the counts so far: against the plan, when there is
// one, so that the line and the question agree on what is skipped.
func (t *Talker) Progress(c Counts) {
	if p := t.plan; p != nil {
		t.Console.Status(fmt.Sprintf("%s: %d of %d %s, %d skipped, %d failed", t.pick("Sending", "Saving"), c.Sent, p.Sent, t.pick("sent", "saved"), p.Skipped+p.Repeated, c.Failed))
		return
	}
	t.Console.Status(fmt.Sprintf("%s: %d %s, %d skipped, %d failed, of %d", t.pick("Sending", "Saving"), c.Sent, t.pick("sent", "saved"), c.Skipped+c.Repeated, c.Failed, t.Total))
}

// Skipped says why a message was not sent: a line each for the first
// few sent before, then only a count (see Done); a line for each
// repeat in the run.
func (t *Talker) Skipped(it *Item, s Skip) {
	addr := ShownAddress(it.To)
	again := ""
	switch {
	case s.Earlier != nil:
		if t.Again != "" {
			again = " (" + t.Again + " " + t.pick("sends", "saves") + " both)"
		}
		t.Console.Line(fmt.Sprintf("%s: warning: %s has a reply of this kind at line %d already; skipped%s", t.place(it), addr, s.Earlier.Line, again))
	case t.shown >= maxSkipLines:
		t.hidden++
	default:
		t.shown++
		if t.Again != "" {
			again = "; " + t.Again + " to " + t.pick("send", "save") + " again"
		}
		t.Console.Line(fmt.Sprintf("%s: %s %s on %s (skipped%s)", t.place(it), t.pick("already sent to", "already saved as a draft to"), addr, s.Before.Time.Local().Format("2 Jan 2006 15:04"), again))
	}
}

// place is where a line about it starts: its place in the input, or
// for the one reply of a run a note.
func (t *Talker) place(it *Item) string {
	if p := it.Place(); p != "" {
		return p
	}
	return "decline: note"
}

// Failed says which message the server refused, and why.
func (t *Talker) Failed(it *Item, err error) {
	if t.One {
		return
	}
	t.Console.Line(fmt.Sprintf("%s: %v", it.Place(), err))
}

// Done clears the progress line and counts the skips not shown.
func (t *Talker) Done() {
	t.Console.Status("")
	if t.hidden > 0 {
		again := ""
		if t.Again != "" {
			again = "; " + t.Again + " to " + t.pick("send", "save") + " again"
		}
		t.Console.Line(fmt.Sprintf("and %d more %s (skipped%s)", t.hidden, t.pick("were already sent", "were saved as drafts before"), again))
	}
}
