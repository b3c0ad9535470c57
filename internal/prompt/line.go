package prompt

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"unicode"

	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"
	"github.com/mattn/go-runewidth"

	"github.com/decline-cli/decline/internal/preview"
)

// lineInput reads a line of text at a question, drawing it itself rather
// than through survey's Input: survey finds where the answer starts by
// counting the question's rows from the wrong one, so in a narrow
// terminal an answer that wraps, or one that ends at the right edge,
// left a copy of the question behind or wrote over the line above it.
// lineInput keeps count of the rows it has drawn below its first, goes
// back up to that row and clears to the end of the screen before each
// drawing, which stays right however the text wraps or scrolls.
type lineInput struct {
	out  io.Writer
	cols int // the terminal's width; 0 when not known

	message, def string
	line         []rune
	pos          int    // where the cursor is in line
	problem      string // why the last answer was refused, shown above the question
	row          int    // the row the cursor is on, counted from the first drawn
	drawn        int    // how many rows were drawn
}

// place is where a cell of text is drawn: rows below the first, and the
// column.
type place struct{ row, col int }

// layout is where each rune of text is drawn on a terminal cols wide
// (0: not known, one row), and after them where the cursor stands: a
// wide character that does not fit the row's end goes to the next row,
// as terminals put it, and a text that fills its last row leaves the
// cursor at the start of the next (draw makes sure the terminal agrees).
func layout(text []rune, cols int) []place {
	out := make([]place, len(text)+1)
	row, col := 0, 0
	for i, r := range text {
		w := runewidth.RuneWidth(r)
		if cols > 0 && col > 0 && col+w > cols {
			row, col = row+1, 0
		}
		out[i] = place{row, col}
		col += w
	}
	if cols > 0 && col >= cols {
		row, col = row+1, 0
	}
	out[len(text)] = place{row, col}
	return out
}

// rows is how many rows text takes when written with a newline after it.
func rows(text string, cols int) int {
	end := layout([]rune(text), cols)
	last := end[len(end)-1]
	if last.col == 0 && last.row > 0 {
		return last.row
	}
	return last.row + 1
}

// rowsOf is how many rows text, of one line or more, takes when written
// with a newline after it.
func rowsOf(text string, cols int) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += rows(line, cols)
	}
	return n
}

// question is the question as drawn before the answer: lead, the rows
// of it wrapped between words to fit the terminal but its last, each
// ending in a newline; then last, the last row's start, which the
// answer follows ("? " and the message, and the default in brackets
// when there is one).
func (in *lineInput) question() (lead []string, last string) {
	q := "? " + in.message
	if in.cols > 0 {
		q = preview.Wrap(q, in.cols-1)
	}
	lines := strings.Split(q, "\n")
	last = lines[len(lines)-1] + " "
	if in.def != "" {
		last += "(" + in.def + ") "
	}
	return lines[:len(lines)-1], last
}

// places is where the last row of the question and the answer so far
// are drawn, with the index in them of the cursor's place.
func (in *lineInput) places() (lead []string, last string, places []place, cursor int) {
	lead, last = in.question()
	text := slices.Concat([]rune(last), in.line)
	return lead, last, layout(text, in.cols), len([]rune(last)) + in.pos
}

// draw draws the question with the answer so far and puts the cursor
// where the next key goes. final draws the answer given, word-wrapped,
// and leaves the cursor on the row after it.
func (in *lineInput) draw(final bool) {
	var b strings.Builder
	clear(&b, in.row, in.drawn)
	if final {
		answer := string(in.line)
		if answer == "" {
			answer = in.def
		}
		b.WriteString(styled("? "+in.message, answer, in.cols))
		b.WriteString("\n")
		in.row = 0
		fmt.Fprint(in.out, b.String())
		return
	}
	top := 0
	if in.problem != "" {
		msg := preview.Wrap("X Sorry, "+in.problem+". Please try again.", in.cols-1)
		b.WriteString(paint("red", msg) + "\n")
		top = strings.Count(msg, "\n") + 1
	}
	lead, last, places, cursor := in.places()
	for i, l := range lead {
		b.WriteString(paintQuestion(l, i == 0) + "\n")
	}
	top += len(lead)
	q := strings.TrimSuffix(last, " ")
	if in.def != "" {
		q = strings.TrimSuffix(q, " ("+in.def+")")
	}
	b.WriteString(paintQuestion(q, len(lead) == 0) + last[len(q):len(q)+1])
	if in.def != "" {
		b.WriteString(paint("white", "("+in.def+")") + " ")
	}
	b.WriteString(string(in.line))
	end, at := places[len(places)-1], places[cursor]
	if end.col == 0 && end.row > 0 {
		// The text ends at the right edge, where a terminal holds the
		// cursor until the next character: a space takes it to the next
		// row, where layout counts it.
		b.WriteString(" \r")
	}
	if up := end.row - at.row; up > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", up)
	}
	b.WriteString("\r")
	if at.col > 0 {
		fmt.Fprintf(&b, "\x1b[%dC", at.col)
	}
	in.row, in.drawn = top+at.row, top+end.row+1
	fmt.Fprint(in.out, b.String())
}

// paintQuestion is a row of the question in survey's colours: its "? "
// in green when it is the first.
func paintQuestion(row string, first bool) string {
	if rest, ok := strings.CutPrefix(row, "?"); first && ok {
		return paint("green+hb", "?") + paint("default+hb", rest)
	}
	return paint("default+hb", row)
}

// clear erases the rows drawn, n of them, from the cursor's row (row of
// them) and puts the cursor at the start of the first. Each row is
// erased by itself: tmux, and terminals like it, keep a copy of the
// screen in the scrollback when it is erased from its top-left corner
// to the end.
func clear(b *strings.Builder, row, n int) {
	if row > 0 {
		fmt.Fprintf(b, "\x1b[%dA", row)
	}
	for i := range max(n, 1) {
		if i > 0 {
			b.WriteString("\x1b[B")
		}
		b.WriteString("\r\x1b[2K")
	}
	if n > 1 {
		fmt.Fprintf(b, "\x1b[%dA", n-1)
	}
}

// paint is text in a survey colour, or as it is when colour is off.
func paint(color, text string) string {
	code, ok := core.TemplateFuncsWithColor["color"].(func(string) string)
	if core.DisableColor || !ok || text == "" {
		return text
	}
	return code(color) + text + code("reset")
}

// styled is an answered question as survey shows it (the question in
// bold, the answer in cyan), wrapped between words to a terminal cols
// wide so that no word is split at the edge.
func styled(question, answer string, cols int) string {
	text := preview.Wrap(question+" "+answer, cols-1)
	q, a := text[:len(question)], text[len(question):]
	return paint("green+hb", q[:2]) + paint("default+hb", q[2:]) + a[:1] + paint("cyan", a[1:])
}

// read asks the question and reads the answer, key by key, until Enter
// gives one that validate (when not nil) takes.
func (in *lineInput) read(rr *terminal.RuneReader, validate func(string) error) (string, error) {
	in.draw(false)
	for {
		r, _, err := rr.ReadRune()
		var pathErr *fs.PathError
		switch {
		case err == nil:
		case errors.Is(err, io.EOF) || errors.As(err, &pathErr):
			in.leave()
			return "", err
		default:
			// A key survey does not know (Alt and a letter, say).
			continue
		}
		switch r {
		case terminal.KeyInterrupt:
			in.leave()
			return "", ErrCancelled
		case terminal.KeyEnter, '\n', terminal.KeyEndTransmission:
			answer := string(in.line)
			if answer == "" {
				answer = in.def
			}
			if validate != nil {
				if err := validate(answer); err != nil {
					in.problem = err.Error()
					in.draw(false)
					continue
				}
			}
			in.draw(true)
			return answer, nil
		case terminal.KeyBackspace, terminal.KeyDelete:
			if in.pos > 0 {
				in.line = slices.Delete(in.line, in.pos-1, in.pos)
				in.pos--
			}
		case terminal.SpecialKeyDelete:
			if in.pos < len(in.line) {
				in.line = slices.Delete(in.line, in.pos, in.pos+1)
			}
		case terminal.KeyArrowLeft:
			in.pos = max(0, in.pos-1)
		case terminal.KeyArrowRight:
			in.pos = min(len(in.line), in.pos+1)
		case terminal.SpecialKeyHome:
			in.pos = 0
		case terminal.SpecialKeyEnd, 0x05: // End, Ctrl-E
			in.pos = len(in.line)
		case 0x15, terminal.KeyDeleteLine: // Ctrl-U, Ctrl-X
			in.line, in.pos = in.line[in.pos:], 0
		case terminal.KeyDeleteWord:
			start := in.pos
			for start > 0 && in.line[start-1] == ' ' {
				start--
			}
			for start > 0 && in.line[start-1] != ' ' {
				start--
			}
			in.line, in.pos = slices.Delete(in.line, start, in.pos), start
		default:
			if !unicode.IsPrint(r) {
				continue
			}
			in.line = slices.Insert(in.line, in.pos, r)
			in.pos++
		}
		in.draw(false)
	}
}

// leave puts the cursor on the row after the question, as it stands,
// so that what comes next does not write over it.
func (in *lineInput) leave() {
	_, _, places, cursor := in.places()
	end, at := places[len(places)-1], places[cursor]
	if down := end.row - at.row; down > 0 {
		fmt.Fprintf(in.out, "\x1b[%dB", down)
	}
	if end.col == 0 && end.row > 0 {
		// draw has put the cursor on the row after the text already.
		fmt.Fprint(in.out, "\r")
		return
	}
	fmt.Fprint(in.out, "\r\n")
}
