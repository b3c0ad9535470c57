package lint

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
)

// subjectBreak reports a line break inside a template's subject: a
// subject is one line, and the break is folded into a space on the
// way out, which is seldom what its author meant. A block scalar's
// final line end is no break inside.
func (c *checker) subjectBreak() {
	if s := strings.TrimRight(c.t.Subject, "\r\n"); strings.ContainsAny(s, "\r\n") {
		first, _, _ := strings.Cut(s, "\n")
		c.add(c.t.Line, "subject of %s: a line break after %q; a subject is one line, so write it on one line", c.t.ID, strings.TrimSpace(first))
	}
}

// localeSubjects reports the subjects of a locale file that hold a
// template action: a locale's subjects are plain text, sent as written,
// so "{{.FirstName}}" would reach the requester as it is.
func localeSubjects(l *catalog.Locale) catalog.ErrorList {
	var out catalog.ErrorList
	var text []byte
	if l.File != "" {
		text, _ = os.ReadFile(l.File)
	}
	add := func(what, s string) {
		if !strings.Contains(s, "{{") && !strings.Contains(s, "}}") {
			return
		}
		out = append(out, &catalog.Error{File: l.File, Line: lineOf(text, s),
			Msg: fmt.Sprintf("%s %q holds a template action; a locale's subjects are plain text, sent as written: write the words themselves", what, s)})
	}
	for _, kind := range slices.Sorted(maps.Keys(l.Subjects)) {
		add("subject of kind "+kind, l.Subjects[kind])
	}
	add("subject", l.DefaultSubject)
	return out
}

// lineOf is the 1-based line of text that holds s, or 0 when none does
// as written (a quoted YAML string with escapes).
func lineOf(text []byte, s string) int {
	i := bytes.Index(text, []byte(s))
	if i < 0 {
		return 0
	}
	return 1 + bytes.Count(text[:i], []byte("\n"))
}
