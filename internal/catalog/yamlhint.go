package catalog

import "strings"

// The YAML decoder names the line where it noticed a mistake, which is
// often the start of the block that holds it: a bad indent 260 lines
// down is reported at the "templates:" line, a tab at the line before.
// These functions look for the mistake itself and say how to fix the
// common ones.

// yamlMistake returns the line (1-based) and a hint for a decoder error
// msg that the decoder placed at line, when the file shows the cause;
// else line and "".
func yamlMistake(data []byte, line int, msg string) (int, string) {
	lines := strings.Split(string(data), "\n")
	if n := firstTabIndent(lines); n > 0 && (strings.Contains(msg, "cannot start any token") || strings.Contains(msg, "tab")) {
		return n, "indent with spaces; YAML does not allow tabs there"
	}
	if line >= 1 && line <= len(lines) && strings.Contains(msg, "mapping values are not allowed") {
		if key, value, ok := strings.Cut(strings.TrimSpace(lines[line-1]), ": "); ok && strings.Contains(value, ": ") {
			return line, "a value holding \": \" must be quoted: " + strings.TrimPrefix(key, "- ") + ": " + quoteYAML(value)
		}
	}
	structural := false
	for _, m := range []string{"expected key", "'-' indicator", "not allowed in this context", "expected ':'", "expected node content"} {
		structural = structural || strings.Contains(msg, m)
	}
	if n := badIndent(lines); n > 0 && structural {
		return n, "this line's indent matches no enclosing block; line it up with the entries around it"
	}
	return line, ""
}

// quoteYAML is value in double quotes, as YAML reads it back.
func quoteYAML(value string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value) + `"`
}

// firstTabIndent is the first line (1-based) whose indent holds a tab,
// outside block scalars; 0 when there is none.
func firstTabIndent(lines []string) int {
	for n, l := range eachStructural(lines) {
		if i := strings.IndexFunc(l, func(r rune) bool { return r != ' ' && r != '\t' }); i > 0 && strings.ContainsRune(l[:i], '\t') {
			return n
		}
	}
	return 0
}

// badIndent is the first line (1-based) whose indent is deeper than its
// block allows (after a line that opens no block) or returns to a depth
// no enclosing block has; 0 when every indent is consistent.
func badIndent(lines []string) int {
	stack := []int{0}
	opens := true // whether the last line can hold a deeper block
	for n, l := range eachStructural(lines) {
		t := strings.TrimLeft(l, " ")
		ind := len(l) - len(t)
		top := stack[len(stack)-1]
		switch {
		case ind > top:
			if !opens {
				return n
			}
			stack = append(stack, ind)
		case ind < top:
			for len(stack) > 1 && stack[len(stack)-1] > ind {
				stack = stack[:len(stack)-1]
			}
			if stack[len(stack)-1] != ind {
				return n
			}
		}
		// A "- " item's own keys sit deeper than the dash.
		if rest, ok := strings.CutPrefix(t, "- "); ok {
			stack = append(stack, ind+2+len(rest)-len(strings.TrimLeft(rest, " ")))
		}
		opens = strings.HasSuffix(t, ":") || t == "-"
	}
	return 0
}

// eachStructural yields the lines YAML reads as structure, with their
// numbers: not blank, not comments, not the text of block scalars (|, >).
func eachStructural(lines []string) func(func(int, string) bool) {
	return func(yield func(int, string) bool) {
		scalar := -1 // the indent of the line that opened a block scalar
		for i, l := range lines {
			t := strings.TrimLeft(l, " \t")
			ind := len(l) - len(t)
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			if scalar >= 0 && ind > scalar {
				continue
			}
			scalar = -1
			if opensScalar(t) {
				scalar = ind
			}
			if !yield(i+1, strings.TrimRight(l, " \r")) {
				return
			}
		}
	}
}

// opensScalar reports whether a line ends in a block scalar indicator,
// such as "body: |" or "- >-".
func opensScalar(t string) bool {
	if i := strings.Index(t, " #"); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimRight(t, " \r")
	f := strings.Fields(t)
	if len(f) == 0 {
		return false
	}
	last := f[len(f)-1]
	return len(last) <= 3 && (last[0] == '|' || last[0] == '>') && strings.Trim(last[1:], "+-123456789") == ""
}
