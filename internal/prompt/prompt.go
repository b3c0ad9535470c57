// Package prompt asks the user questions on a terminal. It is the only
// package that imports survey, so replacing survey means changing one file;
// it also offers an accessible prompter that asks plain numbered
// questions, for screen readers and dumb terminals.
package prompt

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"
	"github.com/mattn/go-runewidth"
	"golang.org/x/term"

	"github.com/decline-cli/decline/internal/preview"
)

// ErrCancelled is returned when the user presses Ctrl-C or Esc, or closes
// the input, at a prompt.
var ErrCancelled = errors.New("cancelled")

// Prompter asks questions. Validate, when not nil, is called on an answer
// and a non-nil error makes the prompter ask again.
type Prompter interface {
	Input(message, defaultValue string, validate func(string) error) (string, error)
	// Select returns the index of the chosen option.
	Select(message string, options []string, defaultIndex int) (int, error)
}

// Survey is a Prompter drawing interactive prompts with survey.
type Survey struct {
	stdio terminal.Stdio
	out   *os.File // for the terminal's size
}

// NewSurvey returns a prompter that reads keys from in and draws on out,
// in colour only when color is true. survey keeps that choice in a
// process-wide setting (and on its own would follow NO_COLOR but not
// TERM=dumb, and let CLICOLOR_FORCE override NO_COLOR), so the caller's
// decision is applied there, before any prompt is drawn.
func NewSurvey(in, out *os.File, color bool) *Survey {
	core.DisableColor = !color
	enableVT(out)
	return &Survey{stdio: terminal.Stdio{In: escReader{in}, Out: out, Err: out}, out: out}
}

// Input asks for a line of text.
func (s *Survey) Input(message, defaultValue string, validate func(string) error) (string, error) {
	rr := terminal.NewRuneReader(s.stdio)
	if err := rr.SetTermMode(); err != nil {
		return "", err
	}
	defer func() { _ = rr.RestoreTermMode() }()
	in := &lineInput{out: s.stdio.Out, cols: s.width(), message: message, def: defaultValue}
	return in.read(rr, validate)
}

// width is the terminal's width in columns, 0 when it is not known.
func (s *Survey) width() int {
	cols, _, err := term.GetSize(int(s.out.Fd()))
	if err != nil {
		return 0
	}
	return cols
}

// Select asks the user to choose one option with the arrow keys.
func (s *Survey) Select(message string, options []string, defaultIndex int) (int, error) {
	return s.selectFiltered(message, options, defaultIndex, nil)
}

// SelectOption is Select, with a filter that matches ids too: typing
// "busy" finds the option labelled "I do not have the time ...".
func (s *Survey) SelectOption(message string, options []Option, defaultIndex int) (int, error) {
	return s.selectFiltered(message, labels(options), defaultIndex, func(typed, _ string, i int) bool {
		return options[i].matches(typed)
	})
}

func (s *Survey) selectFiltered(message string, options []string, defaultIndex int, filter func(string, string, int) bool) (int, error) {
	var index int
	cols, rows, err := term.GetSize(int(s.out.Fd()))
	if err != nil {
		cols, rows = 0, 0
	}
	if filter == nil {
		// survey's own filter, on the labels as given rather than as
		// wrapped.
		filter = func(typed, _ string, i int) bool {
			return strings.Contains(strings.ToLower(options[i]), strings.ToLower(typed))
		}
	}
	shownMsg, shown := fitMenu(message, options, cols)
	q := &survey.Select{Message: shownMsg, Options: shown, PageSize: pageSize(shownMsg, shown, cols, rows), Filter: filter}
	if defaultIndex >= 0 && defaultIndex < len(options) {
		q.Default = shown[defaultIndex]
	}
	err = survey.AskOne(q, &index, survey.WithStdio(s.stdio.In, s.stdio.Out, s.stdio.Err))
	if err != nil {
		// survey leaves the menu drawn when it is cancelled (Esc,
		// Ctrl-C) or its input ends, above whatever is said next: its
		// renderer, which counted the rows it drew, erases them, and
		// draws nothing in their place.
		_ = q.Render("", nil)
		return index, convert(err)
	}
	s.rewrap("? "+shownMsg+" "+shown[index], message, options[index], cols)
	return index, nil
}

// menuHint is what survey draws after a menu's question.
const menuHint = "  [Use arrows to move, type to filter]"

// fitMenu is a menu's question and options as drawn on a terminal cols
// wide (0: not known, as they are): survey draws each on a line and
// lets the terminal cut it at the edge, in the middle of a word, so a
// question that does not fit with the hint ends with a newline (the
// hint going under it), and an option too wide is wrapped between
// words, its next lines indented under its first.
func fitMenu(message string, options []string, cols int) (string, []string) {
	shown := slices.Clone(options)
	if cols <= 0 {
		return message, shown
	}
	if runewidth.StringWidth("? "+message+menuHint) >= cols {
		message = preview.Wrap("? "+message, cols-1)[2:] + "\n"
	}
	for i, o := range shown {
		if runewidth.StringWidth("> "+o) >= cols {
			shown[i] = strings.ReplaceAll(preview.Wrap(o, cols-3), "\n", "\n  ")
		}
	}
	return message, shown
}

// rewrap draws again, wrapped between words, the answered question
// survey has just drawn: wider than the terminal, survey's line is cut
// by the terminal wherever the edge falls, in the middle of a word.
// survey leaves the cursor on the row after it, so the rows it took are
// known, and nothing else is touched.
func (s *Survey) rewrap(drawn, message, answer string, cols int) {
	if cols <= 0 || drawn == "? "+message+" "+answer && runewidth.StringWidth(drawn) < cols {
		return
	}
	n := rowsOf(drawn, cols)
	var b strings.Builder
	clear(&b, n, n)
	fmt.Fprintf(s.stdio.Out, "%s%s\n", b.String(), styled("? "+message, answer, cols))
}

func convert(err error) error {
	if errors.Is(err, terminal.InterruptErr) {
		return ErrCancelled
	}
	return err
}

// escReader turns a lone Esc key press into Ctrl-C, so that Esc cancels
// every prompt. An escape sequence (an arrow key, say) arrives in one read
// with the bytes that follow it and is left alone; survey itself tells a
// lone Esc the same way. It also turns the Home and End keys of tmux,
// screen, the Linux console and PuTTY (ESC [ 1 ~ and ESC [ 4 ~) and of
// rxvt (ESC [ 7 ~ and ESC [ 8 ~) into xterm's (ESC [ H and ESC [ F),
// the only ones survey reads: it drops the others, digit and all.
type escReader struct{ f *os.File }

func (r escReader) Read(p []byte) (int, error) {
	n, err := r.f.Read(p)
	if n == 1 && p[0] == 0x1b {
		p[0] = 0x03
	}
	return homeEnd(p[:n]), err
}

// vtKeys is the last byte of xterm's Home or End for the digit of the
// others' (ESC [ digit ~).
var vtKeys = map[byte]byte{'1': 'H', '7': 'H', '4': 'F', '8': 'F'}

// homeEnd rewrites, in place, the Home and End keys in keys that survey
// does not read into those it does, and returns the new length.
func homeEnd(keys []byte) int {
	out := 0
	for i := 0; i < len(keys); i++ {
		if i+3 < len(keys) && keys[i] == 0x1b && keys[i+1] == '[' && keys[i+3] == '~' {
			if key := vtKeys[keys[i+2]]; key != 0 {
				out += copy(keys[out:], []byte{0x1b, '[', key})
				i += 3
				continue
			}
		}
		keys[out] = keys[i]
		out++
	}
	return out
}

func (r escReader) Fd() uintptr { return r.f.Fd() }
