// Package iostreams carries decline's standard streams and answers
// questions about them (is this a terminal, may we prompt, may we use
// colour), so that no package below main touches os.Stdout directly.
package iostreams

import (
	"bytes"
	"errors"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // the message, and nothing else
	ErrOut io.Writer // prompts, status and errors

	stdinTTY, stdoutTTY, stderrTTY bool
	// Files for the prompter, which needs the terminal itself.
	inFile, errFile *os.File
	noColor         bool
}

// System returns the process's streams.
func System() *IOStreams {
	// https://no-color.org: NO_COLOR set and not empty turns colour off.
	noColor := os.Getenv("NO_COLOR") != ""
	var out io.Writer = os.Stdout
	if closedAtStart(os.Stdout) {
		out = closedWriter{}
	}
	return &IOStreams{
		In:        os.Stdin,
		Out:       out,
		ErrOut:    os.Stderr,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
		inFile:    os.Stdin,
		errFile:   os.Stderr,
		noColor:   noColor || os.Getenv("TERM") == "dumb",
	}
}

// ErrStdoutClosed is the error of every write to a standard output that
// was closed when decline started.
var ErrStdoutClosed = errors.New("standard output is closed, so nothing can be written to it (redirect it to a file, or to /dev/null to throw the output away)")

// OutClosed reports whether standard output was closed when decline
// started, so that a command can fail before it asks or reads anything.
func (s *IOStreams) OutClosed() bool {
	_, ok := s.Out.(closedWriter)
	return ok
}

type closedWriter struct{}

func (closedWriter) Write([]byte) (int, error) { return 0, ErrStdoutClosed }

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// Test returns streams backed by buffers, none of them a terminal.
func Test() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, noColor: true}, in, out, errOut
}

// SetTTY marks the streams as terminals or not, for tests.
func (s *IOStreams) SetTTY(stdin, stdout, stderr bool) {
	s.stdinTTY, s.stdoutTTY, s.stderrTTY = stdin, stdout, stderr
}

// IsStdinTTY reports whether standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// CanPrompt reports whether questions can be asked: standard input and
// standard error are both terminals.
func (s *IOStreams) CanPrompt() bool { return s.stdinTTY && s.stderrTTY }

// ColorEnabled reports whether standard error may carry colour: it is a
// terminal, NO_COLOR is unset or empty, and TERM is not dumb.
func (s *IOStreams) ColorEnabled() bool { return s.stderrTTY && !s.noColor }

// TerminalWidth is the width in columns of the terminal standard error
// is on, or 0 when it is not a terminal or its size cannot be read.
func (s *IOStreams) TerminalWidth() int {
	if !s.stderrTTY || s.errFile == nil {
		return 0
	}
	w, _, err := term.GetSize(int(s.errFile.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// TerminalFiles returns the terminal's input and the file prompts are
// drawn on, for the prompter. They are nil for test streams.
func (s *IOStreams) TerminalFiles() (in, out *os.File) { return s.inFile, s.errFile }
