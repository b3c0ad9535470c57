package catalog

import (
	"fmt"
	"strings"
)

// Error is a problem found at a place in a template file.
type Error struct {
	File string
	Line int
	Msg  string
	// Entry is the line where the one template the problem is confined
	// to starts, in a file that reads otherwise; 0 when the problem is
	// the file's (it does not read as YAML, a locale is wrong ...).
	Entry int
	// Shown is how the file is named in the message when its name
	// cannot be printed as it is (it holds an escape character or a
	// newline, say): quoted; "" otherwise.
	Shown string
}

func (e *Error) Error() string {
	name := e.File
	if e.Shown != "" {
		name = e.Shown
	}
	if name == "" {
		return e.Msg // a problem that no file name can be printed for
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", name, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", name, e.Msg)
}

// ErrorList is every problem found while loading, in file order. Its
// Error method gives the first problem and a count of the rest, so that a
// command can print it on one line; lint prints them all.
type ErrorList []*Error

func (l ErrorList) Error() string { return l.Summary("") }

// Summary is the first problem and a count of the rest, followed by hint
// (such as how to see the rest) when there are more.
func (l ErrorList) Summary(hint string) string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	more := "1 more problem"
	if len(l) > 2 {
		more = fmt.Sprintf("%d more problems", len(l)-1)
	}
	if hint != "" {
		more += "; " + hint
	}
	return fmt.Sprintf("%s (and %s)", l[0].Error(), more)
}

// err returns the list as an error, or nil when it is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func quoteList(ids []string) string {
	return strings.Join(ids, ", ")
}
