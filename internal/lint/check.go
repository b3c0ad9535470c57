package lint

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
)

// BriefLimit is the most characters a brief reply may have, sign-off
// included: a LinkedIn connection note holds 300.
const BriefLimit = compose.BriefLimit

// placeholders betray a template that did not render as meant: a value
// the data lacks, or braces that were not an action.
var placeholders = []string{"<no value>", "{{", "}}"}

// Template lints one loaded template, with its language's locale, and
// returns its problems.
func Template(t *catalog.Template, loc *catalog.Locale) catalog.ErrorList {
	if err := t.Compile(); err != nil {
		return toList(err, t.File)
	}
	c := &checker{t: t, loc: loc, reported: map[string]bool{}, openings: map[int]string{}}
	c.unusedValues()
	c.subjectBreak()
	if t.Tone == "formal" && t.SubjectTemplate() != nil {
		c.formal("subject of "+t.ID, t.SubjectTemplate().Tree, t.Subject, func(int) int { return t.Line })
	}
	for i := range t.Variants {
		c.variant(i)
	}
	c.sameOpenings()
	return c.problems
}

type checker struct {
	t        *catalog.Template
	loc      *catalog.Locale
	problems catalog.ErrorList
	// reported holds the render checks already reported, so that one
	// mistake gives one line, not one per sample.
	reported map[string]bool
	// closing matches closingFor, the last sign-off checked for.
	closing    *regexp.Regexp
	closingFor string
	// openings holds each wording's first sentence after the greeting,
	// by index.
	openings map[int]string
}

// signoffPattern matches signoff in a reply, compiled once per sign-off
// rather than once per rendering.
func (c *checker) signoffPattern(signoff string) *regexp.Regexp {
	if c.closing == nil || c.closingFor != signoff {
		c.closing, c.closingFor = signoffPattern(signoff), signoff
	}
	return c.closing
}

func (c *checker) add(line int, format string, args ...any) {
	c.problems = append(c.problems, &catalog.Error{File: c.t.File, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// once reports a render problem the first time its key is seen.
func (c *checker) once(key string, line int, format string, args ...any) {
	if c.reported[key] {
		return
	}
	c.reported[key] = true
	c.add(line, format, args...)
}

// what names a wording the way the loader does.
func (c *checker) what(i int) string {
	if len(c.t.Variants) == 1 {
		return "body of " + c.t.ID
	}
	return fmt.Sprintf("variant %d of %s", i+1, c.t.ID)
}

func (c *checker) unusedValues() {
	used := c.t.UsedValues()
	for _, d := range []struct {
		field string
		names []string
	}{{"requires", c.t.Requires}, {"optional", c.t.Optional}} {
		for _, n := range d.names {
			if !slices.Contains(used, n) {
				c.add(c.t.Line, "%s declares the value %q but never uses it (remove it from %s, or use it)", c.t.ID, n, d.field)
			}
		}
	}
}

// variant checks one wording's source, then renders it for every sample.
func (c *checker) variant(i int) {
	t, what, start, src := c.t, c.what(i), c.t.VariantLines[i], c.t.Variants[i]
	// The loader counts lines the same way: line k of the text is line
	// start+k-1 of the file, as it is in a '|' block.
	fileLine := func(k int) int { return start + k - 1 }
	for k, l := range strings.Split(src, "\n") {
		if l != strings.TrimRight(l, " \t") {
			c.add(fileLine(k+1), "%s: trailing whitespace", what)
		}
	}
	tree := t.Body(i).Tree
	doubled := false
	for _, txt := range literalText(tree, src) {
		for _, seg := range txt.lines() {
			if j := doubledSpace(seg.text, seg.lineStart); j >= 0 {
				c.add(fileLine(seg.line), "%s: doubled space in %q", what, around(seg.text, j))
				doubled = true
			}
		}
	}
	if t.Tone == "formal" {
		c.formal(what, tree, src, fileLine)
	}
	// Only for a language that says how a description is said again
	// (names: again:), where {{first}} may give one.
	var starts [][]int
	if c.loc.Names.Again.Definite != "" || len(c.loc.Names.Again.Qualifiers) > 0 {
		starts = firstAtStart().FindAllStringSubmatchIndex(src, -1)
	}
	for _, m := range starts {
		var name string
		if m[2] >= 0 {
			name = src[m[2]:m[3]]
		} else {
			name = src[m[4]:m[5]]
		}
		if slices.Contains(c.loc.PeopleValues, name) {
			c.add(fileLine(strings.Count(src[:m[0]], "\n")+1), "%s: a sentence starts with {{first .%s}}, which is lower case when .%s describes someone (\"the head of recruiting\"): put it later in the sentence", what, name, name)
		}
	}

	for _, withOptional := range []bool{true, false} {
		if !withOptional && len(t.Optional) == 0 {
			break
		}
		for si, s := range Samples {
			c.render(i, s, si == 0, withOptional, doubled)
		}
	}
}

// firstAtStart finds {{first .X}} (or {{.X | first}}) at the start of a
// sentence or line.
var firstAtStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)(?:^[ \t]*|[.!?]["”’)]?[ \t]+)\{\{-?\s*(?:first\s+\.(\w+)|\.(\w+)\s*\|\s*first)\s*-?\}\}`)
})

// render renders wording i for one sample and checks what a reader sees.
func (c *checker) render(i int, s Sample, normal, withOptional, skipDoubled bool) {
	t, what, line := c.t, c.what(i), c.t.VariantLines[i]
	req := SampleRequest(t, c.loc, s, i+1, withOptional)
	who := strconv.Quote(s.Name)
	if !withOptional {
		who += " without " + strings.Join(t.Optional, " or ")
	}
	key := func(class string) string { return fmt.Sprintf("%d/%s", i, class) }
	r, err := compose.Render(t, req)
	if err != nil {
		c.once(key("render"), line, "%s: cannot render for %s: %v", what, who, err)
		return
	}
	for _, p := range placeholders {
		if strings.Contains(r.Subject, p) {
			c.once("subject/"+p, t.Line, "subject of %s: leftover %q in the output for %s", t.ID, p, who)
		}
		if strings.Contains(r.Body, p) {
			c.once(key(p), line, "%s: leftover %q in the output for %s", what, p, who)
		}
	}
	lines := strings.Split(strings.TrimSuffix(r.Body, "\n"), "\n")
	if !skipDoubled {
		for _, l := range lines {
			if j := doubledSpace(l, true); j >= 0 {
				c.once(key("doubled"), line, "%s: doubled space in the output for %s: %q", what, who, around(l, j))
				break
			}
		}
	}
	if c.loc.Greeting && !strings.Contains(lines[0], r.FirstName) && !strings.Contains(lines[0], r.Name) {
		c.once(key("greeting"), line, "%s: the first line does not greet %s by name (start with something like \"Hi {{.FirstName}},\")", what, who)
	}
	last := lines[len(lines)-1]
	tail := last
	if len(lines) > 1 {
		tail = lines[len(lines)-2] + "\n" + last
	}
	// A reply to a friend may be signed with the first name
	// ({{.SenderFirst}}), as friends sign.
	signed := (strings.Contains(last, compose.Signature(t, req)) || strings.TrimSpace(last) == compose.FirstName(req.Sender)) && strings.Contains(tail, req.Signoff)
	if !signed {
		c.once(key("signoff"), line, "%s: the reply for %s does not end with the sign-off and sender (end it with \"{{.Signoff}},\" and \"{{.Sender}}\", or \"{{.SenderFirst}}\" to a friend)", what, who)
	}
	if normal && withOptional {
		body := lines
		if signed && len(lines) > 2 {
			body = lines[:len(lines)-2]
		}
		c.heard(i, r, req, strings.Join(body, "\n"))
	}
	// A requester's name does not bring the sign-off's words into the
	// closing, so the normal sample is enough (with and without the
	// optional values, which may).
	if normal {
		if s := repeatedSignoff(lines, c.signoffPattern(req.Signoff)); s != "" {
			c.once(key("closing"), line, "%s: the closing repeats the sign-off %q: %q (end the last paragraph another way)", what, req.Signoff, s)
		}
	}
	if t.Tone == "brief" && normal && withOptional {
		if le := (*compose.LongError)(nil); errors.As(compose.CheckBrief(r.Body), &le) {
			c.add(line, "%s: brief reply is %d characters for %s, more than the %d a LinkedIn note holds", what, le.Chars, who, BriefLimit)
		}
	}
}

// formal reports contractions and exclamation marks in the template's own
// text; names and values filled in later do not count.
func (c *checker) formal(what string, tree *parse.Tree, src string, fileLine func(int) int) {
	contraction := c.loc.ContractionPattern()
	informal := c.loc.InformalPattern()
	for _, txt := range literalText(tree, src) {
		for _, seg := range txt.lines() {
			if informal != nil {
				// Words overlap at one separator ("du dich"): look again from
				// each match's last letter.
				for rest := seg.text; ; {
					m := informal.FindStringSubmatchIndex(rest)
					if m == nil {
						break
					}
					c.add(fileLine(seg.line), "%s: formal tone, but uses the familiar %q", what, rest[m[2]:m[3]])
					rest = rest[m[3]:]
				}
			}
			if contraction != nil {
				for _, m := range contraction.FindAllString(seg.text, -1) {
					c.add(fileLine(seg.line), "%s: formal tone, but uses the contraction %q", what, m)
				}
			}
			for range strings.Count(seg.text, "!") {
				c.add(fileLine(seg.line), "%s: formal tone, but uses an exclamation mark", what)
			}
		}
	}
}

// text is a piece of a template's literal text: what is not an action.
type text struct {
	text string
	pos  int // byte offset in the source
	src  string
}

// segment is the part of a text on one source line.
type segment struct {
	text      string
	line      int  // 1-based, in the source
	lineStart bool // the segment begins its line, so leading spaces are indentation
}

func (t text) lines() []segment {
	pos := min(t.pos, len(t.src))
	line := 1 + strings.Count(t.src[:pos], "\n")
	start := pos == 0 || t.src[pos-1] == '\n'
	var out []segment
	for k, s := range strings.Split(t.text, "\n") {
		out = append(out, segment{text: s, line: line + k, lineStart: start || k > 0})
	}
	return out
}

// literalText lists the text nodes of a parsed template, in every branch.
func literalText(tree *parse.Tree, src string) []text {
	var out []text
	if tree != nil {
		catalog.Inspect(tree.Root, func(n parse.Node) bool {
			if n, ok := n.(*parse.TextNode); ok {
				out = append(out, text{text: string(n.Text), pos: int(n.Pos), src: src})
			}
			return true
		})
	}
	return out
}

// doubledSpace finds two spaces in a row, ignoring a line's indentation
// when s begins its line. It returns -1 when there are none.
func doubledSpace(s string, lineStart bool) int {
	from := 0
	if lineStart {
		from = len(s) - len(strings.TrimLeft(s, " "))
	}
	if i := strings.Index(s[from:], "  "); i >= 0 {
		return from + i
	}
	return -1
}

// around quotes the doubled space at byte offset i of s with up to two
// words either side, so that it can be found in the file.
func around(s string, i int) string {
	left := strings.TrimRight(s[:i], " ")
	from := len(left)
	for words := 0; words < 2 && from > 0; words++ {
		from = strings.LastIndexByte(strings.TrimRight(left[:from], " "), ' ') + 1
	}
	to := i + 2
	for to < len(s) && s[to] == ' ' {
		to++
	}
	for words := 0; words < 2 && to < len(s); words++ {
		for to < len(s) && s[to] == ' ' {
			to++
		}
		if j := strings.IndexByte(s[to:], ' '); j >= 0 {
			to += j
		} else {
			to = len(s)
		}
	}
	return s[from:to]
}

// signoffPattern matches a sign-off's words in any case and across any
// spacing; it is nil for an empty sign-off. repeatedSignoff checks that a
// match is whole words (a Unicode class in the pattern itself would make
// it many times slower to compile).
func signoffPattern(signoff string) *regexp.Regexp {
	words := strings.Fields(signoff)
	if len(words) == 0 {
		return nil
	}
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?i)` + strings.Join(words, `\s+`))
}

// repeatedSignoff returns the sentence of a reply's closing paragraph
// that holds the sign-off (matched by signoffPattern), or "" when none
// does: "Wishing you all the best." read just above "All the best," says
// it twice. lines is the rendered reply, ending with the sign-off line
// and the sender.
func repeatedSignoff(lines []string, signoff *regexp.Regexp) string {
	if signoff == nil || len(lines) < 3 {
		return ""
	}
	// The closing paragraph: the lines above the sign-off line, up to a
	// blank one.
	end := len(lines) - 2
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	start := end
	for start > 0 && strings.TrimSpace(lines[start-1]) != "" {
		start--
	}
	para := strings.Join(lines[start:end], " ")
	for _, m := range signoff.FindAllStringIndex(para, -1) {
		before, _ := utf8.DecodeLastRuneInString(para[:m[0]])
		after, _ := utf8.DecodeRuneInString(para[m[1]:])
		if !wordRune(before) && !wordRune(after) {
			return sentenceAround(para, m[0], m[1])
		}
	}
	return ""
}

// wordRune reports whether r continues a word; utf8.RuneError, which
// stands for the start or end of the text, does not.
func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// sentenceAround widens para[from:to] to the sentence it is in.
func sentenceAround(para string, from, to int) string {
	start, stop := 0, len(para)
	for _, end := range []string{". ", "! ", "? "} {
		if i := strings.LastIndex(para[:from], end); i >= 0 && i+len(end) > start {
			start = i + len(end)
		}
		// From the match's last character, which may itself end the
		// sentence ("Cheers!").
		if i := strings.Index(para[to-1:], end[:1]); i >= 0 && to+i < stop {
			stop = to + i
		}
	}
	return para[start:stop]
}
