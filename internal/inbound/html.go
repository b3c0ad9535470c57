package inbound

import (
	"html"
	"strings"
	"unicode/utf8"
)

// htmlText turns an HTML part into readable plain text: tags go, the
// content of head, script, style and the like goes, block elements end
// lines or paragraphs, list items get a "- ", character references are
// decoded, and white space is collapsed outside pre. It is a small,
// forgiving scanner, not a parser: it reads the mail HTML of Gmail,
// Outlook and Apple Mail well enough for a person to read and for Detect
// to search, in one pass, and never fails.
func htmlText(s string) string {
	var w htmlWriter
	w.b.Grow(len(s) / 2)
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			w.text(s[i:])
			break
		}
		w.text(s[i : i+lt])
		i += lt
		switch {
		case strings.HasPrefix(s[i:], "<!--"):
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				i = len(s)
			} else {
				i += 4 + end + 3
			}
			continue
		case i+1 < len(s) && (s[i+1] == '!' || s[i+1] == '?'):
			i = tagEnd(s, i+1)
			continue
		}
		name, closing, end := parseTag(s, i)
		if name == "" {
			w.text("<")
			i++
			continue
		}
		i = end
		switch name {
		case "script", "style", "head", "title", "template", "noscript", "svg", "object", "xml":
			if !closing {
				i = skipElement(s, i, name)
			}
		case "br":
			// A line break of its own, on top of a block's: Gmail's
			// blank line is <div><br></div>.
			w.brk(min(w.breaks+1, 2))
		case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "hr", "dl":
			w.brk(2)
		case "pre":
			w.brk(2)
			if closing {
				w.pre = max(w.pre-1, 0)
			} else {
				w.pre++
			}
		case "li":
			w.brk(1)
			if !closing {
				w.word("-")
				w.space = true
			}
		case "div", "tr", "dt", "dd", "section", "article", "header", "footer", "address", "center", "form", "fieldset", "figure", "main", "nav", "aside", "caption":
			w.brk(1)
		case "td", "th":
			w.space = true
		}
	}
	return w.String()
}

// htmlWriter collects text, holding back line breaks and spaces until
// more text comes, so that none pile up at the ends or between blocks.
type htmlWriter struct {
	b      strings.Builder
	breaks int  // line breaks owed before the next text, at most 2
	space  bool // a space owed before the next text
	pre    int  // depth of pre elements
}

func (w *htmlWriter) brk(n int) {
	w.breaks = max(w.breaks, n)
	w.space = false
}

func (w *htmlWriter) text(raw string) {
	if raw == "" {
		return
	}
	t := html.UnescapeString(raw)
	if w.pre > 0 {
		for line := range strings.Lines(t) {
			body := strings.TrimRight(line, "\r\n")
			w.word(strings.ReplaceAll(body, "\u00a0", " "))
			if len(body) < len(line) {
				w.b.WriteByte('\n')
			}
		}
		return
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	lead := isHTMLSpace(first)
	for f := range strings.FieldsFuncSeq(t, isHTMLSpace) {
		w.space = w.space || lead
		lead = true
		w.word(f)
	}
	w.space = w.space || isHTMLSpace(last)
}

// word writes text after what is owed before it.
func (w *htmlWriter) word(s string) {
	if s == "" {
		return
	}
	if w.b.Len() > 0 {
		if w.breaks > 0 {
			w.b.WriteString("\n\n"[:w.breaks])
		} else if w.space {
			w.b.WriteByte(' ')
		}
	}
	w.breaks, w.space = 0, false
	w.b.WriteString(s)
}

func (w *htmlWriter) String() string {
	var out strings.Builder
	out.Grow(w.b.Len() + 1)
	for line := range strings.Lines(w.b.String()) {
		out.WriteString(strings.TrimRight(line, " \t\n"))
		out.WriteByte('\n')
	}
	return strings.TrimLeft(out.String(), "\n")
}

// isHTMLSpace reports HTML's white space, plus the no-break space that
// mail clients use to hold lines open.
func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
}

// parseTag reads the tag at s[i] == '<': its lower-case name (empty when
// this '<' starts no tag), whether it closes, and the index after its
// '>'. Quoted attribute values may hold '>'.
func parseTag(s string, i int) (name string, closing bool, end int) {
	j := i + 1
	if j < len(s) && s[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(s) && (isLetter(s[k]) || (k > j && (s[k] >= '0' && s[k] <= '9' || s[k] == ':' || s[k] == '-'))) {
		k++
	}
	if k == j {
		return "", false, i + 1
	}
	return strings.ToLower(s[j:k]), closing, tagEnd(s, k)
}

// tagEnd returns the index after the '>' that ends the tag containing
// s[i], skipping quoted attribute values, or len(s).
func tagEnd(s string, i int) int {
	var quote byte
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(s)
}

// skipElement returns the index after the end tag of name, searched from
// i, or len(s): the content of script, style and the like is not text.
func skipElement(s string, i int, name string) int {
	for {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		i += j
		if k := i + 2 + len(name); k <= len(s) && strings.EqualFold(s[i+2:k], name) {
			return tagEnd(s, k)
		}
		i += 2
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
