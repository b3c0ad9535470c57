package send

import (
	"strings"
	"testing"
	"time"
)

type console struct {
	lines, asked []string
	n            int
	status       string
}

func (c *console) Ask(q string, n int) (bool, error) {
	c.asked, c.n = append(c.asked, q), n
	return true, nil
}
func (c *console) Line(s string)   { c.lines = append(c.lines, s) }
func (c *console) Status(s string) { c.status = s }

// The question counts what the plan sends and names From and the
// server; skip lines stop after a few and end in a count.
func TestTalker(t *testing.T) {
	c := &console{}
	tk := &Talker{Console: c, Ask: true, From: "Pat Morgan <Pat@Example.com>", Via: "smtp.example.com:587", Total: 20, Again: "--again"}
	if ok, err := tk.Confirm(Counts{Sent: 12, Skipped: 3, Limited: 5}); !ok || err != nil || c.n != 12 {
		t.Fatalf("confirm: %v %v %d", ok, err, c.n)
	}
	if want := "Send 12 replies from pat@example.com through smtp.example.com:587?"; len(c.asked) != 1 || c.asked[0] != want {
		t.Errorf("asked %q, want %q", c.asked, want)
	}
	if want := "Of the 20 replies, skipping 3 already sent, 5 over the limit."; len(c.lines) != 1 || c.lines[0] != want {
		t.Errorf("said %q, want %q", c.lines, want)
	}
	c.lines = nil
	before := &Entry{Time: time.Date(2026, 12, 2, 9, 14, 0, 0, time.Local)}
	for i := range 7 {
		tk.Skipped(&Item{Source: "in.csv", Line: i + 2, To: "Ann <ANN@example.org>"}, Skip{Before: before})
	}
	tk.Skipped(&Item{Source: "in.csv", Line: 9, To: "b@example.org"}, Skip{Earlier: &Item{Line: 3}})
	tk.Done()
	want := []string{"in.csv:2: already sent to ann@example.org on 2 Dec 2026 09:14 (skipped; --again to send again)"}
	if len(c.lines) != 7 || c.lines[0] != want[0] ||
		c.lines[5] != "in.csv:9: warning: b@example.org has a reply of this kind at line 3 already; skipped (--again sends both)" ||
		c.lines[6] != "and 2 more were already sent (skipped; --again to send again)" {
		t.Errorf("lines:\n%s", strings.Join(c.lines, "\n"))
	}
	// A quoted local part is shown with its quotes.
	c.lines = nil
	tk.Skipped(&Item{Source: "in.csv", Line: 12, To: `"Ann B"@example.org`}, Skip{Earlier: &Item{Line: 3}})
	if len(c.lines) != 1 || !strings.Contains(c.lines[0], `: warning: "ann b"@example.org has a reply`) {
		t.Errorf("quoted local part: %q", c.lines)
	}
	// Not asked: nothing shown, yes.
	c = &console{}
	tk = &Talker{Console: c}
	if ok, _ := tk.Confirm(Counts{Sent: 1}); !ok || len(c.asked)+len(c.lines) != 0 {
		t.Errorf("asked without Ask: %v %q %q", ok, c.asked, c.lines)
	}
}

// The progress line counts what is skipped as the plan before the
// question did, from the first message on, not as the run meets it.
func TestTalkerProgressAgreesWithThePlan(t *testing.T) {
	c := &console{}
	tk := &Talker{Console: c, Ask: true, From: "pat@example.com", Via: "smtp.example.com:587", Total: 6}
	if ok, err := tk.Confirm(Counts{Sent: 5, Skipped: 1}); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if len(c.lines) != 1 || !strings.Contains(c.lines[0], "skipping 1 already sent") {
		t.Fatalf("plan: %q", c.lines)
	}
	tk.Progress(Counts{Sent: 2})
	if want := "Sending: 2 of 5 sent, 1 skipped, 0 failed"; c.status != want {
		t.Errorf("progress %q, want %q", c.status, want)
	}
}

// TestStatusFitsTheTerminal: the progress line is cut a column short of
// a known width, so the terminal never wraps it (the next line would
// erase only its last row); without a terminal nothing is drawn.
func TestStatusFitsTheTerminal(t *testing.T) {
	var out strings.Builder
	m := &Mailer{Err: &out, TTY: true, Width: 30}
	m.Status("Sending: 1200 of 2000 sent, 300 skipped, 10 failed")
	if got, want := out.String(), "\r\x1b[KSending: 1200 of 2000 sent, …"; got != want {
		t.Errorf("drew %q, want %q", got, want)
	}
	out.Reset()
	m.Width = 0
	m.Status("Sending: 1 of 2 sent, 0 skipped, 0 failed")
	if got, want := out.String(), "\r\x1b[KSending: 1 of 2 sent, 0 skipped, 0 failed"; got != want {
		t.Errorf("with no width drew %q, want %q", got, want)
	}
	out.Reset()
	m.TTY = false
	if m.Status("Sending"); out.Len() != 0 {
		t.Errorf("drew %q with no terminal", out.String())
	}
}
