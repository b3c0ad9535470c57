package prompt

import "strings"

// Option is one choice of SelectOption: the label shown, and an id (the
// value a flag takes, such as "no-business") that typing may match too.
type Option struct {
	Label, ID string
	// Words are other words for the choice (the locale's synonyms, such
	// as "friend" for social), which typing matches too.
	Words []string
}

// OptionSelecter is a Prompter that matches what the user types against
// ids as well as labels.
type OptionSelecter interface {
	SelectOption(message string, options []Option, defaultIndex int) (int, error)
}

// SelectOption asks p to choose one of options. When p is an
// OptionSelecter, typing an id finds its option (the filter of the
// arrow-key menu, the answer of the accessible one); other prompters see
// the labels only.
func SelectOption(p Prompter, message string, options []Option, defaultIndex int) (int, error) {
	if s, ok := p.(OptionSelecter); ok {
		return s.SelectOption(message, options, defaultIndex)
	}
	return p.Select(message, labels(options), defaultIndex)
}

func labels(options []Option) []string {
	out := make([]string, len(options))
	for i, o := range options {
		out[i] = o.Label
	}
	return out
}

// matches reports whether what the user typed is in an option's label or
// id, ignoring case.
func (o Option) matches(typed string) bool {
	typed = strings.ToLower(typed)
	if strings.Contains(strings.ToLower(o.Label), typed) || o.ID != "" && strings.Contains(strings.ToLower(o.ID), typed) {
		return true
	}
	for _, w := range o.Words {
		if strings.Contains(strings.ToLower(w), typed) {
			return true
		}
	}
	return false
}

// names reports whether an answer names the option: its label, id or
// one of its words, ignoring case.
func (o Option) names(answer string) bool {
	if strings.EqualFold(answer, o.Label) || o.ID != "" && strings.EqualFold(answer, o.ID) {
		return true
	}
	for _, w := range o.Words {
		if strings.EqualFold(answer, w) {
			return true
		}
	}
	return false
}

// pageSize is how many options of a menu fit a terminal rows high and
// cols wide, with the question above them: a menu taller than the screen
// cannot be redrawn in place, and each key press would leave a copy of
// it in the scrollback. 0 rows (unknown) shows them all.
func pageSize(message string, options []string, cols, rows int) int {
	if rows <= 0 || cols <= 0 {
		return len(options)
	}
	// "? " before the question and the filter hint after it, as survey
	// draws them; "> " or "  " before each option.
	lines := func(s string) int { return rowsOf(s, cols) }
	room := rows - 1 - lines("? "+message+menuHint)
	tallest := 1
	for _, o := range options {
		tallest = max(tallest, lines("> "+o))
	}
	return max(1, min(len(options), room/tallest))
}
