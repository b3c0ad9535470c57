package prompt

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/safetext"
)

// Accessible is a Prompter that asks plain-text questions one line at a
// time, with numbered choices: no cursor movement, colour or redrawing,
// so screen readers and dumb terminals can follow it.
type Accessible struct {
	in  *bufio.Reader
	out io.Writer
}

// NewAccessible returns an accessible prompter reading answers from in and
// writing questions to out.
func NewAccessible(in io.Reader, out io.Writer) *Accessible {
	return &Accessible{in: bufio.NewReader(in), out: out}
}

func (a *Accessible) readLine() (string, error) {
	line, err := a.in.ReadString('\n')
	if err != nil && (line == "" || err != io.EOF) {
		// End of input at a question is the same as giving up.
		fmt.Fprintln(a.out)
		return "", ErrCancelled
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Input asks for a line of text.
func (a *Accessible) Input(message, defaultValue string, validate func(string) error) (string, error) {
	for {
		// A question ends in its own mark; anything else gets a colon.
		sep := ":"
		if strings.HasSuffix(message, "?") || strings.HasSuffix(message, ":") {
			sep = ""
		}
		if defaultValue != "" {
			fmt.Fprintf(a.out, "%s (press Enter for %s)%s ", message, defaultValue, sep)
		} else {
			fmt.Fprintf(a.out, "%s%s ", message, sep)
		}
		line, err := a.readLine()
		if err != nil {
			return "", err
		}
		answer := safetext.TrimSpace(line)
		if answer == "" {
			answer = defaultValue
		}
		if validate != nil {
			if err := validate(answer); err != nil {
				fmt.Fprintf(a.out, "Sorry, %v. Please try again.\n", err)
				continue
			}
		}
		return answer, nil
	}
}

// Select lists the options as numbered lines and asks for a number, or
// an option as written (in any case).
func (a *Accessible) Select(message string, options []string, defaultIndex int) (int, error) {
	opts := make([]Option, len(options))
	for i, o := range options {
		opts[i] = Option{Label: o}
	}
	return a.SelectOption(message, opts, defaultIndex)
}

// SelectOption lists the options as numbered lines, each id in brackets
// after its label, and asks for a number, a label or an id.
func (a *Accessible) SelectOption(message string, options []Option, defaultIndex int) (int, error) {
	fmt.Fprintln(a.out, message)
	withIDs := false
	for i, o := range options {
		if o.ID != "" && !strings.EqualFold(o.ID, o.Label) {
			fmt.Fprintf(a.out, "  %d. %s (%s)\n", i+1, o.Label, o.ID)
			withIDs = true
		} else {
			fmt.Fprintf(a.out, "  %d. %s\n", i+1, o.Label)
		}
	}
	ask := fmt.Sprintf("Enter a number from 1 to %d", len(options))
	if withIDs {
		ask += ", or the word in brackets"
	}
	for {
		hasDefault := defaultIndex >= 0 && defaultIndex < len(options)
		if hasDefault {
			fmt.Fprintf(a.out, "%s (press Enter for %d): ", ask, defaultIndex+1)
		} else {
			fmt.Fprintf(a.out, "%s: ", ask)
		}
		line, err := a.readLine()
		if err != nil {
			return 0, err
		}
		line = strings.TrimSpace(line)
		if line == "" && hasDefault {
			return defaultIndex, nil
		}
		n, err := strconv.Atoi(line)
		if err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		for i, o := range options {
			if o.names(line) {
				return i, nil
			}
		}
		fmt.Fprintf(a.out, "Sorry, %s is not one of the numbers or choices. Please try again.\n", safetext.Quote(line))
	}
}
