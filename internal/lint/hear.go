package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
)

// The checks in this file hear a reply as its reader does: a word said
// three times, a person named in full twice, a role without its article,
// a long answer to a stranger, two wordings that start alike, and the
// stock phrases that make replies read as form letters when two of them
// are read side by side.

// The language data these checks rely on (stop words, determiners, which
// values name people and roles) is the locale's: see catalog.Locale.

// Limits of the checks.
const (
	// RepeatLimit is how often one content word may be said in a reply.
	RepeatLimit = 2
	// ContentWord is the fewest letters of a content word.
	ContentWord = 5
	// StrangerWords is the most words of a warm reply to a stranger.
	StrangerWords = 90
	// PhraseWords is the length of a stock phrase, in words.
	PhraseWords = 4
	// PhraseShare: a phrase is stock when more than one in PhraseShare
	// wordings of the catalog use it.
	PhraseShare = 20
	// OpeningWords is how many words of a reply's first sentence make its
	// opening shape ("thanks for", "i appreciate").
	OpeningWords = 2
	// OpeningShare: an opening shape is worn when more than one in
	// OpeningShare wordings of the catalog start with it (and at least
	// three do).
	OpeningShare = 5
)

// heard checks what a reader hears in one rendered reply: the normal
// sample, with every value given. body is the reply without its sign-off
// block (the sign-off line and the sender).
func (c *checker) heard(i int, r *compose.Reply, req *compose.Request, body string) {
	t, what, line := c.t, c.what(i), c.t.VariantLines[i]
	// Names and values are not the template's words: a sample value that
	// happens to share a word with the text ("manager" in "Senior Product
	// Manager") says nothing about the wording. A value said three times
	// is counted whole below; a person named too often is the full-name
	// check's.
	names := map[string]bool{}
	said := slices.Concat(strings.Fields(r.Name), strings.Fields(req.Sender))
	for _, v := range req.Values {
		said = append(said, words(v)...)
	}
	for _, n := range said {
		names[strings.ToLower(strings.Trim(n, ".,"))] = true
	}
	// Words of one family ("endorse", "endorsing", "endorsement") are
	// heard as one word said again.
	counts := map[string]int{}
	forms := map[string][]string{}
	var order []string
	for _, w := range words(body) {
		w = strings.ToLower(w)
		if letters(w) < ContentWord || names[w] || strings.ContainsAny(w, "'’") || slices.Contains(c.loc.StopWords, w) {
			continue
		}
		st := stem(w, c.loc.WordEndings)
		if counts[st] == 0 {
			order = append(order, st)
		}
		counts[st]++
		if !slices.Contains(forms[st], w) {
			forms[st] = append(forms[st], w)
		}
	}
	var repeated []string
	for _, st := range order {
		if counts[st] > RepeatLimit {
			repeated = append(repeated, fmt.Sprintf("%s %d times", family(forms[st]), counts[st]))
		}
	}
	for _, name := range slices.Concat(t.Requires, t.Optional) {
		if v := req.Values[name]; v != "" && !slices.Contains(c.loc.PeopleValues, name) {
			if n := strings.Count(body, v); n > RepeatLimit {
				repeated = append(repeated, fmt.Sprintf("%q (.%s) %d times", v, name, n))
			}
		}
	}
	if len(repeated) > 0 {
		c.add(line, "%s: says %s (find other words for some of them)", what, strings.Join(repeated, ", "))
	}

	for _, name := range slices.Concat(t.Requires, t.Optional) {
		v := req.Values[name]
		if v == "" {
			continue
		}
		if slices.Contains(c.loc.PeopleValues, name) {
			if n := strings.Count(body, v); n > 1 {
				c.add(line, "%s: names %q in full %d times (after the first, write {{first .%s}} or rephrase)", what, v, n, name)
			}
		}
		if slices.Contains(c.loc.RoleValues, name) {
			if before, ok := bareValue(body, v, c.loc.Determiners); ok {
				c.add(line, "%s: the role has no article: %q (write {{a .%s}}, or \"the {{.%s}} role\")", what, before+v, name, name)
			}
		}
	}

	if t.Relationship == "stranger" && t.Tone == "warm" {
		if n := len(words(body)); n > StrangerWords {
			c.add(line, "%s: a warm reply to a stranger is %d words, more than %d (keep it to two short paragraphs)", what, n, StrangerWords)
		}
	}

	c.openings[i] = opening(body, r.FirstName)
}

// StemLetters is the fewest letters a word keeps when stem takes its
// ending off: "refer" is not "ref" and "er".
const StemLetters = 4

// stem is what the words of one family share: w without the longest of
// endings that leaves StemLetters letters or more ("endorsement",
// "endorsing" and "endorse" are all "endors" when the endings hold
// "ement", "ing" and "e"). Without endings, a word is its own family.
func stem(w string, endings []string) string {
	best := ""
	for _, e := range endings {
		if len(e) > len(best) && strings.HasSuffix(w, e) && letters(w[:len(w)-len(e)]) >= StemLetters {
			best = e
		}
	}
	return w[:len(w)-len(best)]
}

// family names the words of a family as a reply says them: "endorse",
// or "endorse", "endorsing" and "endorsement".
func family(forms []string) string {
	q := make([]string, len(forms))
	for i, f := range forms {
		q[i] = fmt.Sprintf("%q", f)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// bareValue finds a use of value v in text with a bare word before it
// (no article, determiner or possessive: "to work as Senior
// Accountant"), and returns that word with a space.
func bareValue(text, v string, determiners []string) (string, bool) {
	for from := 0; ; {
		i := strings.Index(text[from:], v)
		if i < 0 {
			return "", false
		}
		i += from
		from = i + len(v)
		before := strings.TrimRight(text[:i], " ")
		last, _ := utf8.DecodeLastRuneInString(before)
		if before == "" || len(before) == i || !unicode.IsLetter(last) {
			// The start of the reply, a word joined to the value, or
			// punctuation: not a word standing before it.
			continue
		}
		ws := words(before)
		prev := strings.ToLower(ws[len(ws)-1])
		if slices.Contains(determiners, prev) || strings.HasSuffix(prev, "'s") || strings.HasSuffix(prev, "’s") {
			continue
		}
		return ws[len(ws)-1] + " ", true
	}
}

// opening is the first sentence of a reply after its greeting.
func opening(body, first string) string {
	text := body
	if nl := strings.IndexByte(text, '\n'); nl >= 0 && strings.HasSuffix(strings.TrimSpace(text[:nl]), ",") {
		// "Hi Alexandra," on a line of its own.
		text = text[nl+1:]
	} else if i := strings.Index(text, first); i >= 0 && first != "" {
		// "Hi Alexandra, thanks for asking."
		rest := text[i+len(first):]
		if j := strings.IndexAny(rest, ",!."); j >= 0 && j < 3 {
			text = rest[j+1:]
		}
	}
	text = strings.Join(strings.Fields(text), " ")
	for i, r := range text {
		if strings.ContainsRune(".!?", r) && (i+1 == len(text) || text[i+1] == ' ') {
			return text[:i+1]
		}
	}
	return text
}

// sameOpenings reports wordings of a template that open with the same
// sentence as an earlier one.
func (c *checker) sameOpenings() {
	for i := range c.t.Variants {
		o := c.openings[i]
		for j := range i {
			if o != "" && strings.EqualFold(o, c.openings[j]) {
				c.add(c.t.VariantLines[i], "%s opens with the same sentence as wording %d: %q (start one of them another way)", c.what(i), j+1, o)
				break
			}
		}
	}
}

// words splits text into words: runs of letters, digits and apostrophes
// that hold a letter.
func words(text string) []string {
	out := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
	})
	kept := out[:0]
	for _, w := range out {
		w = strings.Trim(w, "'’-")
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			kept = append(kept, w)
		}
	}
	return kept
}

func letters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// place is where a wording is: its template and 1-based number.
type place struct {
	t *catalog.Template
	n int
}

func (p place) String() string {
	if len(p.t.Variants) == 1 {
		return p.t.ID
	}
	return fmt.Sprintf("%s#%d", p.t.ID, p.n)
}

// stockPhrases reports the phrases of PhraseWords words or more that more
// than one in PhraseShare wordings of the catalog share, with where each
// appears. Phrases come from the templates' own text (a value, the
// greeting's name and the sign-off are not part of one), within a
// sentence.
//
// Only phrases that some wording of a template mine says are reported,
// where the first of those is.
func stockPhrases(ts []*catalog.Template, mine func(*catalog.Template) bool) catalog.ErrorList {
	type gram = string
	where := map[gram][]place{}
	var all []place
	runs := map[place][][]string{} // each wording's fragments, as words
	for _, t := range ts {
		if t.Compile() != nil {
			continue
		}
		for i := range t.Variants {
			p := place{t, i + 1}
			all = append(all, p)
			seen := map[gram]bool{}
			for _, txt := range literalText(t.Body(i).Tree, t.Variants[i]) {
				for _, frag := range fragments(txt.text) {
					ws := words(frag)
					for k := range ws {
						ws[k] = strings.ToLower(ws[k])
					}
					runs[p] = append(runs[p], ws)
					for k := 0; k+PhraseWords <= len(ws); k++ {
						g := strings.Join(ws[k:k+PhraseWords], " ")
						if !seen[g] {
							seen[g] = true
							where[g] = append(where[g], p)
						}
					}
				}
			}
		}
	}
	// Stock: shared, and by more than one in PhraseShare wordings.
	stock := func(g gram) bool { n := len(where[g]); return n >= 2 && n*PhraseShare > len(all) }
	// Overlapping stock grams that the same wordings share are one longer
	// phrase: "the people best placed to help" is reported once.
	type phrase struct {
		text  string
		where []place
	}
	found := map[string]*phrase{}
	for _, p := range all {
		for _, ws := range runs[p] {
			for k := 0; k+PhraseWords <= len(ws); k++ {
				g := strings.Join(ws[k:k+PhraseWords], " ")
				if !stock(g) {
					continue
				}
				end := k
				for end+1+PhraseWords <= len(ws) {
					next := strings.Join(ws[end+1:end+1+PhraseWords], " ")
					if !stock(next) || !slices.Equal(where[next], where[g]) {
						break
					}
					end++
				}
				text := strings.Join(ws[k:end+PhraseWords], " ")
				if found[text] == nil {
					found[text] = &phrase{text, where[g]}
				}
				k = end
			}
		}
	}
	phrases := make([]*phrase, 0, len(found))
	for _, ph := range found {
		phrases = append(phrases, ph)
	}
	// A phrase inside a longer one with the same wordings is the same.
	phrases = slices.DeleteFunc(phrases, func(a *phrase) bool {
		for _, b := range phrases {
			if b != a && len(b.text) > len(a.text) && strings.Contains(" "+b.text+" ", " "+a.text+" ") && slices.Equal(a.where, b.where) {
				return true
			}
		}
		return false
	})
	sort.Slice(phrases, func(i, j int) bool {
		if len(phrases[i].where) != len(phrases[j].where) {
			return len(phrases[i].where) > len(phrases[j].where)
		}
		return phrases[i].text < phrases[j].text
	})
	var problems catalog.ErrorList
	for _, ph := range phrases {
		at := slices.IndexFunc(ph.where, func(p place) bool { return mine(p.t) })
		if at < 0 {
			continue
		}
		first := ph.where[at]
		names := make([]string, len(ph.where))
		for i, p := range ph.where {
			names[i] = p.String()
		}
		problems = append(problems, &catalog.Error{File: first.t.File, Line: first.t.VariantLines[first.n-1],
			Msg: fmt.Sprintf("stock phrase %q in %d of %d wordings (more than 1 in %d; give each its own words): %s",
				ph.text, len(ph.where), len(all), PhraseShare, strings.Join(names, ", "))})
	}
	return problems
}

// fragments splits literal text into the stretches a phrase may span:
// no sentence or clause punctuation, no paragraph break.
func fragments(s string) []string {
	return strings.FieldsFunc(strings.ReplaceAll(s, "\n\n", "."), func(r rune) bool {
		return strings.ContainsRune(".!?,;:()\"“”—–", r)
	})
}

// openingShapes reports the ways of starting a reply (its first
// OpeningWords words after the greeting: "Thanks for", "I appreciate")
// that more than one in OpeningShare wordings of the catalog share: read
// side by side, replies that all open with thanks read as a form. Each is
// reported once, with where it appears.
func openingShapes(ts []*catalog.Template, mine func(*catalog.Template) bool) catalog.ErrorList {
	where := map[string][]place{}
	var shapes []string
	total := 0
	for _, t := range ts {
		if t.Compile() != nil {
			continue
		}
		for i, src := range t.Variants {
			total++
			ws := words(openingLine(src))
			if len(ws) < OpeningWords {
				continue
			}
			shape := strings.ToLower(strings.Join(ws[:OpeningWords], " "))
			if where[shape] == nil {
				shapes = append(shapes, shape)
			}
			where[shape] = append(where[shape], place{t, i + 1})
		}
	}
	var problems catalog.ErrorList
	for _, shape := range shapes {
		ps := where[shape]
		if len(ps) < 3 || len(ps)*OpeningShare <= total {
			continue
		}
		at := slices.IndexFunc(ps, func(p place) bool { return mine(p.t) })
		if at < 0 {
			continue
		}
		names := make([]string, len(ps))
		for i, p := range ps {
			names[i] = p.String()
		}
		first := ps[at]
		problems = append(problems, &catalog.Error{File: first.t.File, Line: first.t.VariantLines[first.n-1],
			Msg: fmt.Sprintf("%d of %d wordings open with %q (more than 1 in %d; start some with the reason or the person's news): %s",
				len(ps), total, shape, OpeningShare, strings.Join(names, ", "))})
	}
	return problems
}

// openingLine is the text a wording's source starts with after its
// greeting line ("Hi {{.FirstName}},"), or "" when an action comes first.
func openingLine(src string) string {
	lines := strings.Split(src, "\n")
	for k, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || k == 0 && strings.HasSuffix(l, ",") {
			continue
		}
		if strings.HasPrefix(l, "{{") {
			return ""
		}
		return l
	}
	return ""
}
