package cmdutil

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/safetext"
)

// UsageError is a mistake in how decline was called: exit 2. Err, when
// set, is the domain error it words, for callers that inspect it.
type UsageError struct {
	Msg string
	Err error
}

func (e *UsageError) Error() string { return e.Msg }

func (e *UsageError) Unwrap() error { return e.Err }

// UsageErrorf words a usage error; a %w in format keeps its cause.
func UsageErrorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &UsageError{Msg: err.Error(), Err: errors.Unwrap(err)}
}

// CobraError rewrites the errors cobra makes itself into decline's
// one-line usage errors. cobra reports an unknown command as
// "unknown command \"x\" for \"decline\"", then suggestions on lines of
// their own.
func CobraError(err error) error {
	if err == nil {
		return nil
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		return err
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return err
	}
	lines := strings.Split(msg, "\n")
	head := strings.TrimSuffix(lines[0], ` for "decline"`)
	var suggest []string
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "\t") {
			suggest = append(suggest, strconv.Quote(strings.TrimSpace(l)))
		}
	}
	if len(suggest) > 0 {
		return UsageErrorf("%s (did you mean %s?)", head, strings.Join(suggest, " or "))
	}
	return UsageErrorf("%s (see 'decline --help')", head)
}

// HandleError prints err, if any, as one line on stderr and returns the
// exit code: 130 for a cancel, 2 for a usage error, else 1.
func HandleError(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	// Several problems, such as every unknown setting of a file: one
	// line each, when nothing was added around them.
	var lines interface {
		error
		Lines() []string
	}
	if errors.As(err, &lines) && lines.Error() == err.Error() {
		for _, l := range lines.Lines() {
			fmt.Fprintf(stderr, "decline: %s\n", OneLine(l))
		}
	} else {
		fmt.Fprintf(stderr, "decline: %s\n", OneLine(err.Error()))
	}
	if errors.Is(err, prompt.ErrCancelled) {
		// "cancelled", or "cancelled: " and why, such as an empty edit.
		return ExitCancelled
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		return ExitUsage
	}
	return ExitError
}

// OneLine keeps an error message to one line, whatever it holds.
func OneLine(s string) string {
	return safetext.Escape(strings.Join(strings.Fields(s), " "))
}
