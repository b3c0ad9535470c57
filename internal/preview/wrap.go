package preview

import (
	"os"
	"strings"

	"github.com/mattn/go-runewidth"
)

// RuleWidth is the widest the line around a draft is drawn.
const RuleWidth = 60

// Wrap breaks each line of text between words so that it fits width
// terminal columns, counting a wide character (CJK, most emoji) as two
// and a combining mark as none. A word wider than width keeps a line of
// its own, whole. Width 0 or less leaves the text as it is.
func Wrap(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	var b strings.Builder
	b.Grow(len(text) + len(text)/width)
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if runewidth.StringWidth(line) <= width {
			b.WriteString(line)
			continue
		}
		col := 0
		for j, word := range strings.Split(line, " ") {
			w := runewidth.StringWidth(word)
			switch {
			case j == 0:
			case col+1+w > width && col > 0:
				b.WriteByte('\n')
				col = 0
			default:
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += w
		}
	}
	return b.String()
}

// Rule is the line drawn above and below a draft: RuleWidth wide, or
// the terminal's width when that is narrower (0 when it is not known).
func Rule(width int) string {
	n := RuleWidth
	if width > 0 && width < n {
		n = width
	}
	return strings.Repeat("─", n)
}

// HomePath is path as a message shows it to fit a narrow terminal: under
// home, "~" and the rest ("~/.config/decline/config.yaml"); elsewhere, or
// with no home, as it is.
func HomePath(path, home string) string {
	home = strings.TrimRight(home, `/\`)
	if home == "" || len(path) <= len(home)+1 || !strings.HasPrefix(path, home) || !os.IsPathSeparator(path[len(home)]) {
		return path
	}
	return "~" + path[len(home):]
}
