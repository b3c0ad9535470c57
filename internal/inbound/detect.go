package inbound

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/safetext"
)

// Confident is the confidence from which a finding can be used without
// asking: below it, a caller should ask, or say which option decides.
const Confident = 0.6

// MaxDetectText caps the text Detect reads, in bytes: a request says
// what it wants near the top, and a cap keeps the time Detect takes
// small whatever a message holds.
const MaxDetectText = 64 << 10

// head returns s cut to at most n bytes, at a line break when there is
// one in its last quarter, else at a character boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], '\n'); i >= n-n/4 {
		return s[:i+1]
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Request is what a message asks for, as Detect read it.
type Request struct {
	// Name is the requester's name: the decoded display name of the
	// address a reply goes to, or for a notification the name its text
	// gives. Empty when neither says.
	Name string
	// NameFrom says where Name came from: "display name" (or how it was
	// read from one), "text", or empty.
	NameFrom string
	// Address is the requester's address, where a reply goes; empty for
	// a notification, which takes no reply by email.
	Address string
	// Kind is the kind of request that scored best, or empty when no rule
	// matched; Confidence (0 to 1) says how sure that is.
	Kind       string
	Confidence float64
	// Kinds lists every kind with evidence, the best first. Two kinds
	// with close scores mean an ambiguous message or one that asks for
	// two things.
	Kinds []KindMatch
	// Values holds the values the text states, by name (see ValueNames).
	Values map[string]Value
	// Notification reports a message from a network's notification
	// system: reply on the site, not by email. NotificationWhy says what
	// showed it.
	Notification    bool
	NotificationWhy string
}

// KindMatch is the evidence for one kind of request.
type KindMatch struct {
	Kind       string
	Score      int     // the sum of the weights of the patterns that matched
	Strong     bool    // a strong pattern matched
	Confidence float64 // 0 to 1, against the other kinds' scores; at most 0.5 when another kind is Strong too
	Evidence   []Evidence
}

// Evidence is one pattern that matched.
type Evidence struct {
	Pattern string // the rule, as written in the rules
	Where   string // "subject" or "text"
	Text    string // the words of the message that matched
}

// Value is one value the text states.
type Value struct {
	Text       string
	Confidence float64 // 0 to 1
	Evidence   Evidence
}

// How sure a value is, by what ended it.
const (
	valueBeforeWord = 0.9 // the pattern's next word ended it
	valueAtEnd      = 0.8 // the end of a sentence, clause or text did
	valueAtStop     = 0.7 // a stop word did
	valueCut        = 0.4 // it ran to max-value-words
	valueDoubtful   = 0.3 // a name slot took no name ("the hiring manager")
)

// Detect reads what m asks for. It never fails: what it cannot tell is
// left empty or given a low confidence.
func (r *Rules) Detect(m *Message) *Request {
	req := &Request{Values: map[string]Value{}}
	subject := tokenize(m.Subject)
	text := tokenize(ownText(head(m.Text, MaxDetectText)))

	scores := map[string]*KindMatch{}
	seen := map[*pattern]bool{}
	type span struct {
		kind, where string
		from, to    int
	}
	var strong []span // where strong patterns matched: weak ones inside add nothing
	best := map[string]*pattern{}
	var notifyName string
	var notifyEvidence Evidence
	for _, part := range []struct {
		where string
		toks  []token
		src   string
	}{{"subject", subject.toks, subject.src}, {"text", text.toks, text.src}} {
		r.scan(part.toks, part.src, func(p *pattern, c match) bool {
			ev := Evidence{Pattern: p.src, Where: part.where, Text: c.text}
			switch p.use {
			case forKind:
				if seen[p] {
					return true // each pattern counts once (the subject is read first)
				}
				if p.weight < StrongWeight && slices.ContainsFunc(strong, func(s span) bool {
					return s.kind == p.kind && s.where == part.where && s.from <= c.from && c.to <= s.to
				}) {
					return false // "recommendation" within "write me a recommendation"
				}
				seen[p] = true
				km := scores[p.kind]
				if km == nil {
					km = &KindMatch{Kind: p.kind}
					scores[p.kind] = km
				}
				if p.weight >= StrongWeight {
					strong = append(strong, span{p.kind, part.where, c.from, c.to})
					km.Strong = true
				}
				km.Score += p.weight
				if part.where == "subject" {
					km.Score += SubjectWeight
				}
				km.Evidence = append(km.Evidence, ev)
			case forValue:
				for _, cv := range c.slots {
					if safetext.Check(cv.text, false) != nil {
						continue
					}
					// The most specific pattern wins, then the surer
					// value, then the first.
					v, ok := req.Values[cv.slot]
					if ok && (best[cv.slot].literals > p.literals || best[cv.slot].literals == p.literals && v.Confidence >= cv.confidence) {
						continue
					}
					req.Values[cv.slot] = Value{Text: cv.text, Confidence: cv.confidence, Evidence: ev}
					best[cv.slot] = p
				}
			case forNotification:
				for _, cv := range c.slots {
					if notifyName == "" && cv.slot == NameSlot && CheckHeader("From", "name", cv.text) == nil {
						notifyName, notifyEvidence = cv.text, ev
					}
				}
			}
			return true
		})
	}

	for _, km := range scores {
		req.Kinds = append(req.Kinds, *km)
	}
	slices.SortFunc(req.Kinds, func(a, b KindMatch) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return slices.Index(KindNames, a.Kind) - slices.Index(KindNames, b.Kind)
	})
	for i := range req.Kinds {
		other := 0
		if i == 0 && len(req.Kinds) > 1 {
			other = req.Kinds[1].Score
		} else if i > 0 {
			other = req.Kinds[0].Score
		}
		req.Kinds[i].Confidence = kindConfidence(req.Kinds[i].Score, other)
		// A second kind shown by a strong pattern of its own: the
		// message asks for two things, or it is not clear which.
		for j, o := range req.Kinds {
			if j != i && o.Strong {
				req.Kinds[i].Confidence = min(req.Kinds[i].Confidence, 0.5)
			}
		}
	}
	if len(req.Kinds) > 0 {
		req.Kind, req.Confidence = req.Kinds[0].Kind, req.Kinds[0].Confidence
	}

	req.Address = m.Requester.Address
	req.Name, req.NameFrom = personalName(m.Requester.Name)
	if p := r.isNoReply(m.From.Address); p != "" && (m.Requester.Address == m.From.Address || m.Requester.Address == "" || r.isNoReply(m.Requester.Address) != "") {
		// A no-reply From with a Reply-To to someone else is a web
		// form's message for that person: answered as theirs. One that
		// reads "Scott Lee via LinkedIn" is a network's, not a list's.
		req.Notification = true
		req.NotificationWhy = "the sender " + m.From.Address + " matches the no-reply pattern " + p
	} else if p := r.isNoReply(m.Requester.Address); p != "" {
		req.Notification = true
		req.NotificationWhy = "the Reply-To address " + m.Requester.Address + " matches the no-reply pattern " + p
	} else if m.AutoSubmitted && notifyName != "" {
		req.Notification = true
		req.NotificationWhy = "the message was sent by a program (Auto-Submitted) and reads like a notification: " + notifyEvidence.Text
	}
	if req.Notification {
		req.Address = ""
		name, from := req.Name, req.NameFrom
		req.Name, req.NameFrom = "", ""
		switch {
		case notifyName != "":
			req.Name, req.NameFrom = notifyName, "text"
		case strings.Contains(m.From.Name, " via "):
			// "Scott Lee via LinkedIn" names the person the network
			// writes for; "LinkedIn" alone names nobody.
			req.Name, req.NameFrom = name, from
		}
	}
	return req
}

// nameSuffixes may follow a comma in a name without making it
// "Last, First".
var nameSuffixes = []string{"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "m.d.", "esq", "esq.", "inc", "inc.", "ltd", "ltd.", "llc", "gmbh"}

// personalName returns the name a display name gives a person, and what
// it came from: "Okafor, Ngozi" (as Exchange directories write names)
// reads "Ngozi Okafor", and "Scott Lee via Acme" (a list or a form
// sending for someone) reads "Scott Lee".
func personalName(display string) (string, string) {
	if display == "" {
		return "", ""
	}
	name, from := display, "display name"
	// "Amara Nwosu (Acme)": the part in brackets is an organisation or
	// a note, not a name.
	if i := strings.IndexByte(name, '('); i > 0 && strings.HasSuffix(strings.TrimSpace(name), ")") {
		if before := strings.TrimSpace(name[:i]); before != "" {
			name, from = before, "display name, without the part in brackets"
		}
	}
	// Outlook writes the address as the name when it knows no name; a
	// name that holds an address ("Scott Lee <boss@company.com>" before
	// another address) would put that address in the reply's To: as if
	// it were the one the reply goes to. Neither is a name.
	if holdsAddress(name) {
		return "", ""
	}
	if before, _, ok := strings.Cut(name, " via "); ok && strings.TrimSpace(before) != "" {
		name, from = strings.Trim(strings.TrimSpace(before), `'"`), "display name, before \"via\""
	}
	if last, first, ok := strings.Cut(name, ","); ok && !strings.Contains(first, ",") {
		last, first = strings.TrimSpace(last), strings.TrimSpace(first)
		if last != "" && first != "" && !strings.Contains(last, " ") && !slices.Contains(nameSuffixes, strings.ToLower(first)) {
			name, from = first+" "+last, "display name, \"Last, First\" turned round"
		}
	}
	return name, from
}

// holdsAddress reports whether a display name has a word with an '@'
// between two other characters, brackets and quotes aside.
func holdsAddress(name string) bool {
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, `<>"'()[],;:`)
		if i := strings.IndexByte(w, '@'); i > 0 && i < len(w)-1 {
			return true
		}
	}
	return false
}

// kindConfidence turns a kind's score, against the best other kind's,
// into a confidence: evidence worth StrongWeight+SubjectWeight or more
// is enough on its own, and a rival with the same score halves it.
func kindConfidence(score, other int) float64 {
	if score <= 0 {
		return 0
	}
	enough := min(float64(score)/(StrongWeight+SubjectWeight), 1)
	margin := max(float64(score-other)/float64(score), 0)
	return math.Round(enough*(0.5+0.5*margin)*100) / 100
}

// ownText is the part of a message's text the sender wrote: without
// quoted lines ("> ..."), the attribution line above them, and the
// signature (after "-- ").
func ownText(s string) string {
	if i := strings.Index(s, "\n-- \n"); i >= 0 {
		s = s[:i+1]
	}
	if !strings.Contains(s, "\n>") && !strings.HasPrefix(s, ">") {
		return s
	}
	var b strings.Builder
	for line := range strings.Lines(s) {
		if !strings.HasPrefix(line, ">") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// token is one word of a text.
type token struct {
	fold       string // lower case, without the punctuation around it
	start, end int32  // the word's bytes in the text, punctuation left out (MaxDetectText fits)
	stop       bool   // a sentence or clause ends after it
	comma      bool   // what ends it is a comma, which a list goes on past
	upper      bool   // it starts with an upper-case letter
}

type tokens struct {
	src  string
	toks []token
}

// tokenize splits s into words. A blank line, a dash standing alone, and
// the punctuation of . , ; : ! ? … after a word end a clause.
func tokenize(s string) tokens {
	t := tokens{src: s, toks: make([]token, 0, len(s)/5+1)} // English words average about five bytes with their space
	i := 0
	for i < len(s) {
		// White space; a blank line ends a clause.
		j := i
		newlines := 0
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if !asciiSpace(c) {
					break
				}
				if c == '\n' {
					newlines++
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if newlines >= 2 && len(t.toks) > 0 {
			t.toks[len(t.toks)-1].stop = true
			t.toks[len(t.toks)-1].comma = false
		}
		i = j
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if i == j {
			break
		}
		start, end := trimPunct(s, i, j)
		var stop, comma bool
		if end < j {
			stop = strings.ContainsAny(s[end:j], ".,;:!?…")
			comma = stop && !strings.ContainsAny(s[end:j], ".;:!?…")
		}
		i = j
		if start >= end {
			if len(t.toks) > 0 {
				t.toks[len(t.toks)-1].stop = true
				t.toks[len(t.toks)-1].comma = false
			}
			continue
		}
		upper := 'A' <= s[start] && s[start] <= 'Z'
		if s[start] >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(s[start:])
			upper = unicode.IsUpper(r)
		}
		t.toks = append(t.toks, token{fold: foldWord(s[start:end]), start: int32(start), end: int32(end), stop: stop, comma: comma, upper: upper})
	}
	return t
}

// trimPunct narrows s[i:j] to the word without the punctuation, quotes
// and brackets around it.
func trimPunct(s string, i, j int) (int, int) {
	// Most words are plain ASCII letters: nothing to trim.
	if c, d := s[i], s[j-1]; c < utf8.RuneSelf && d < utf8.RuneSelf && asciiAlnum(c) && asciiAlnum(d) {
		return i, j
	}
	for i < j {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isEdgePunct(r) {
			break
		}
		i += size
	}
	for j > i {
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		if !isEdgePunct(r) {
			break
		}
		j -= size
	}
	return i, j
}

// asciiSpace is unicode.IsSpace of an ASCII byte.
func asciiSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isEdgePunct(r rune) bool {
	switch r {
	case '+', '#', '/', '&', '@':
		return false // C++, C#, CI/CD, R&D
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// foldWord is a word as patterns compare it: lower case, with the
// typographic apostrophe made plain.
func foldWord(w string) string {
	w = strings.TrimSpace(w)
	if isLowerASCII(w) {
		return w
	}
	if isASCIIString(w) {
		return strings.ToLower(w) // no typographic apostrophe to make plain
	}
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// match is one place a pattern matched.
type match struct {
	from, to int    // the tokens that matched
	text     string // the words that matched, as written
	slots    []slotValue
}

type slotValue struct {
	slot       string
	text       string
	confidence float64
}

// scan calls found for every pattern that matches in toks, at the first
// place it matches where found accepts it.
func (r *Rules) scan(toks []token, src string, found func(*pattern, match) bool) {
	done := map[*pattern]bool{}
	for i, t := range toks {
		for _, p := range r.index[t.fold] {
			if done[p] {
				continue
			}
			if m, ok := r.matchAt(p, toks, src, i); ok && found(p, m) {
				done[p] = true
			}
		}
	}
}

// matchAt matches p with its first literal word at toks[i].
func (r *Rules) matchAt(p *pattern, toks []token, src string, i int) (match, bool) {
	var caps []capture
	end, ok := r.forward(p, p.first, toks, i, &caps)
	if !ok {
		return match{}, false
	}
	from := i
	if p.first > 0 { // a leading slot: the capitalized words before
		j := i
		for j > 0 && i-j < r.MaxNameWords && toks[j-1].upper && !toks[j-1].stop {
			j--
		}
		if j == i {
			return match{}, false
		}
		caps = append([]capture{{slot: p.words[0].slot, from: j, to: i, confidence: valueAtEnd}}, caps...)
		from = j
	}
	m := match{from: from, to: end, text: spanText(src, toks, from, end)}
	for _, c := range caps {
		if r.notValue[toks[c.from].fold] {
			return match{}, false // "for a new job" names no role, "for me for a job" none either
		}
		if r.name[c.slot] && (!toks[c.from].upper || r.title[toks[c.from].fold]) {
			// "your cofounder Lisa" and "your CTO Ann Lee" name Lisa
			// and Ann Lee; "the hiring manager" names nobody a reply
			// can greet or name.
			k := c.from
			for k < c.to && (!toks[k].upper || r.title[toks[k].fold]) {
				k++
			}
			if k < c.to {
				c.from = k
			} else {
				c.confidence = valueDoubtful
			}
		}
		v := spanText(src, toks, c.from, c.to)
		if r.notValue[foldWord(v)] {
			return match{}, false
		}
		m.slots = append(m.slots, slotValue{slot: c.slot, text: v, confidence: c.confidence})
	}
	return m, true
}

type capture struct {
	slot       string
	from, to   int
	confidence float64
}

// forward matches p.words[pi:] at toks[ti:], returning where the match
// ends.
func (r *Rules) forward(p *pattern, pi int, toks []token, ti int, caps *[]capture) (int, bool) {
	if pi == len(p.words) {
		return ti, true
	}
	if pi > p.first && toks[ti-1].stop {
		return 0, false // a pattern does not run across a sentence
	}
	w := p.words[pi]
	if w.slot == "" {
		if ti >= len(toks) || !slices.Contains(w.alts, toks[ti].fold) {
			return 0, false
		}
		return r.forward(p, pi+1, toks, ti+1, caps)
	}
	// Leading words ("the", "a") are not part of a value.
	start := ti
	for start < len(toks) && r.leading[toks[start].fold] && !toks[start].stop {
		start++
	}
	if pi == len(p.words)-1 {
		list := r.list[w.slot]
		end, conf := start, valueCut
		for end < len(toks) && end-start < r.MaxValueWords {
			t := toks[end]
			if r.stop[t.fold] {
				conf = valueAtStop
				break
			}
			// "and" ends a clause ("Northwind Traders and they've
			// asked") but not a list, nor a name ("Procter and Gamble").
			if r.joining[t.fold] && end > start && !list && !(end+1 < len(toks) && toks[end+1].upper && !r.stop[toks[end+1].fold]) {
				conf = valueAtStop
				break
			}
			end++
			if end == len(toks) {
				conf = valueAtEnd
				break
			}
			if t.stop && !(list && t.comma && !r.stop[toks[end].fold]) {
				conf = valueAtEnd
				break
			}
		}
		for end > start+1 && r.joining[toks[end-1].fold] {
			end--
		}
		if end == start {
			return 0, false
		}
		*caps = append(*caps, capture{slot: w.slot, from: start, to: end, confidence: conf})
		return end, true
	}
	for end := start + 1; end <= len(toks) && end-start <= r.MaxValueWords; end++ {
		n := len(*caps)
		*caps = append(*caps, capture{slot: w.slot, from: start, to: end, confidence: valueBeforeWord})
		if e, ok := r.forward(p, pi+1, toks, end, caps); ok {
			return e, true
		}
		*caps = (*caps)[:n]
		if toks[end-1].stop || end < len(toks) && r.stop[toks[end].fold] {
			break // "for me for a job": a value does not run past a stop word
		}
	}
	return 0, false
}

// spanText returns the words toks[from:to] as written, white space
// between them made single spaces.
func spanText(src string, toks []token, from, to int) string {
	if from >= to {
		return ""
	}
	s := src[toks[from].start:toks[to-1].end]
	if !strings.ContainsAny(s, "\n\t\r  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
