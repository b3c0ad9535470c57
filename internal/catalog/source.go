package catalog

import "strings"

// EntrySource returns the text of the template entry that starts at line
// (a Template's Line) of a template file, as it is written there, and the
// line the text starts on. The entry runs to the next line indented no
// deeper than its list dash. ok is false when line is not in data.
func EntrySource(data []byte, line int) (text string, first int, ok bool) {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return "", 0, false
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	first = line
	l := lines[line-1]
	// The entry ends at the first line, not blank, indented no deeper
	// than limit.
	limit := indent(l) - 1
	if rest := strings.TrimSpace(l); rest == "-" || strings.HasPrefix(rest, "- ") {
		limit = indent(l)
	} else if line > 1 && strings.TrimSpace(lines[line-2]) == "-" {
		// The dash stands alone on the line above the first key.
		first, limit = line-1, indent(lines[line-2])
	}
	end := line
	for end < len(lines) {
		next := lines[end]
		if strings.TrimSpace(next) != "" && indent(next) <= limit {
			break
		}
		end++
	}
	for end > line && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	return strings.Join(lines[first-1:end], "\n") + "\n", first, true
}
