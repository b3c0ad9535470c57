package inbound

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// KindNames are the kinds of request Detect tells apart, as the catalog
// names them.
var KindNames = []string{"recommendation", "endorsement", "reference", "referral", "introduction", "testimonial"}

// ValueNames are the values a value pattern may find, as templates name
// them. NameSlot is the one more slot a notification pattern has.
var ValueNames = []string{"skill", "role", "company", "contact", "service"}

// NameSlot is the slot of a notification pattern that holds the
// requester's name.
const NameSlot = "name"

// Rules is the data Detect works from, loaded from YAML by LoadRules:
// the requests section of a language's locale file,
// templates/LANG/locale.yaml, so that a language is one folder. The
// YAML is one mapping with these keys (see templates/en/locale.yaml,
// the English rules, for a full example):
//
//	kinds:            # each kind in KindNames (all optional)
//	  endorsement:
//	    strong: [...] # patterns that alone show the kind: "endorse me for {skill}"
//	    weak: [...]   # words that hint at it: "endorse", "skills"
//	values: [...]     # patterns that find values: "referral for the {role} role at {company}"
//	stop-words: [...] # words that end a value a pattern leaves open: "please", "on"
//	leading-words: [...] # words dropped from the start of a value: "the", "a"
//	not-values: [...] # what a slot took that is never a value: "someone", "new"
//	titles: [...]     # words of a job title before a name in a name slot: "cto"
//	max-value-words: 6   # the longest value, in words
//	max-name-words: 4    # the longest name a notification gives, in words
//	no-reply-senders: [...] # addresses that take no replies, '*' matching anything: "noreply@*"
//	notifications: [...]    # patterns of network notifications: "{name} has asked you for"
//	attribution:
//	  with-date: "On {date}, {from} wrote:"
//	  without-date: "{from} wrote:"
//	  date-layout: "Mon 2 Jan 2006 15:04"   # Go's time layout
//
// A pattern is a sequence of words, matched against the words of the
// text without regard to case or punctuation. A word may list
// alternatives with '|' ("role|position|job"). A slot ("{skill}") takes
// the words of the text at its place: up to the next word of the
// pattern, or, at the end of the pattern, up to a stop word, the end of
// a sentence or clause (. , ; : ! ?) or max-value-words. A slot at the
// start of a pattern takes the capitalized words before the pattern's
// first word, as names are written. Two slots may not be next to each
// other. Value slots are those of ValueNames; notification patterns
// have the slot {name}; kind patterns may hold value slots, which only
// stand for words there.
type Rules struct {
	// Kinds holds, for each kind of KindNames, the patterns that show it.
	Kinds map[string]KindPhrases `yaml:"kinds"`
	// Values are the patterns that find values; where two find the same
	// value, the one with more words wins.
	Values []string `yaml:"values"`
	// StopWords end a value that a pattern leaves open at its end.
	StopWords []string `yaml:"stop-words"`
	// LeadingWords are dropped from the start of a value.
	LeadingWords []string `yaml:"leading-words"`
	// NotValues are what a slot may take that is never a value; a match
	// that gives one is no match.
	NotValues []string `yaml:"not-values"`
	// JoiningWords ("and") end a value unless the slot takes a list or
	// a capitalized word follows ("Procter and Gamble").
	JoiningWords []string `yaml:"joining-words"`
	// ListSlots take a list: commas and joining words do not end them
	// ("Go, Rust and Kubernetes").
	ListSlots []string `yaml:"list-slots"`
	// NameSlots take a person's name: a value that does not start with
	// a capitalized word is cut to the capitalized words in it ("your
	// cofounder Lisa" gives "Lisa"), or given a low confidence when it
	// has none ("the hiring manager").
	NameSlots []string `yaml:"name-slots"`
	// Titles are words of a job title written before a name, capitalized
	// or not: a name slot skips them ("your CTO Ann Lee" gives "Ann
	// Lee"), and one that holds nothing else names nobody.
	Titles []string `yaml:"titles"`
	// MaxValueWords caps a value, and MaxNameWords a name found before
	// a pattern, in words.
	MaxValueWords int `yaml:"max-value-words"`
	MaxNameWords  int `yaml:"max-name-words"`
	// NoReplySenders are address patterns, '*' matching any run of
	// characters, of senders that take no replies.
	NoReplySenders []string `yaml:"no-reply-senders"`
	// Notifications are the patterns, each with the slot {name}, of
	// network notifications.
	Notifications []string `yaml:"notifications"`
	// AttributionLine words the line above a quoted original.
	AttributionLine AttributionRules `yaml:"attribution"`

	index    map[string][]*pattern // by each alternative of a pattern's first literal word
	words    []string              // the alternatives of every pattern's words, one after another
	stop     map[string]bool
	leading  map[string]bool
	notValue map[string]bool
	joining  map[string]bool
	list     map[string]bool
	name     map[string]bool
	title    map[string]bool
}

// KindPhrases are the patterns that show one kind of request.
type KindPhrases struct {
	// Strong patterns show the kind on their own ("write me a
	// recommendation"); each counts StrongWeight.
	Strong []string `yaml:"strong"`
	// Weak patterns hint at it ("recommendation"); each counts
	// WeakWeight.
	Weak []string `yaml:"weak"`
}

// AttributionRules word the line above a quoted original.
type AttributionRules struct {
	// WithDate is used when the original has a date; {date} and {from}
	// stand for the date and the sender.
	WithDate string `yaml:"with-date"`
	// WithoutDate is used when it has none.
	WithoutDate string `yaml:"without-date"`
	// DateLayout formats {date}, in Go's time layout.
	DateLayout string `yaml:"date-layout"`
}

// The weight of a pattern that matches, and what a match in the subject
// adds: a subject says what the message is about.
const (
	StrongWeight  = 3
	WeakWeight    = 1
	SubjectWeight = 1
)

// kind of pattern
const (
	forKind = iota
	forValue
	forNotification
)

// pattern is one compiled pattern.
type pattern struct {
	src      string
	use      int    // forKind, forValue or forNotification
	kind     string // for kind patterns
	weight   int    // for kind patterns
	words    []pword
	first    int // index of the first literal word
	literals int // number of literal words: more is more specific
}

// pword is a pattern word: alternatives of a literal, or a slot.
type pword struct {
	alts []string
	slot string
}

//go:generate go run gen.go

var english = sync.OnceValues(func() (*Rules, error) {
	r := englishSpec
	if err := r.Compile(); err != nil {
		return nil, fmt.Errorf("templates/en/locale.yaml: requests: %w", err)
	}
	return &r, nil
})

// English returns the English rules, the requests section of
// templates/en/locale.yaml, compiled into Go by gen.go (go generate
// ./internal/inbound) so that no YAML is decoded,
// and indexed the first time it is called (never at start-up).
func English() (*Rules, error) { return english() }

// LoadRules decodes and checks rules from YAML, strictly: an unknown key
// is an error. name names the data in errors.
func LoadRules(data []byte, name string) (*Rules, error) {
	var r Rules
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if err := r.Compile(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &r, nil
}

// Compile checks r and builds the index Detect searches. LoadRules calls
// it; rules written as a Go value (as a generator would write them, to
// spare decoding YAML) must be compiled once before Detect.
func (r *Rules) Compile() error {
	if r.MaxValueWords <= 0 {
		return errors.New("max-value-words must be a number above 0")
	}
	if r.MaxNameWords <= 0 {
		return errors.New("max-name-words must be a number above 0")
	}
	if r.AttributionLine.WithDate == "" || r.AttributionLine.WithoutDate == "" || r.AttributionLine.DateLayout == "" {
		return errors.New("attribution needs with-date, without-date and date-layout")
	}
	n := len(r.Values) + len(r.Notifications)
	for _, k := range r.Kinds {
		n += len(k.Strong) + len(k.Weak)
	}
	r.index = make(map[string][]*pattern, n)
	r.words = make([]string, 0, 4*n)
	r.stop = wordSet(r.StopWords)
	r.leading = wordSet(r.LeadingWords)
	r.notValue = wordSet(r.NotValues)
	r.joining = wordSet(r.JoiningWords)
	r.list = wordSet(r.ListSlots)
	r.name = wordSet(r.NameSlots)
	r.title = wordSet(r.Titles)
	for _, kind := range sortedKeys(r.Kinds) {
		if !slices.Contains(KindNames, kind) {
			return fmt.Errorf("kinds: unknown kind %q (choose from %s)", kind, strings.Join(KindNames, ", "))
		}
		for _, src := range r.Kinds[kind].Strong {
			if err := r.add(src, forKind, kind, StrongWeight); err != nil {
				return fmt.Errorf("kinds: %s: strong: %w", kind, err)
			}
		}
		for _, src := range r.Kinds[kind].Weak {
			if err := r.add(src, forKind, kind, WeakWeight); err != nil {
				return fmt.Errorf("kinds: %s: weak: %w", kind, err)
			}
		}
	}
	for _, src := range r.Values {
		if err := r.add(src, forValue, "", 0); err != nil {
			return fmt.Errorf("values: %w", err)
		}
	}
	for _, src := range r.Notifications {
		if err := r.add(src, forNotification, "", 0); err != nil {
			return fmt.Errorf("notifications: %w", err)
		}
	}
	for _, s := range r.NoReplySenders {
		if s == "" || strings.ContainsAny(s, " \t") || !strings.Contains(s, "@") {
			return fmt.Errorf("no-reply-senders: %q is not an address pattern such as noreply@*", s)
		}
	}
	// The most specific pattern is tried first, so that "{role} role at
	// {company}" wins over "role at {company}".
	for _, ps := range r.index {
		slices.SortStableFunc(ps, func(a, b *pattern) int { return b.literals - a.literals })
	}
	return nil
}

// add compiles one pattern and indexes it.
func (r *Rules) add(src string, use int, kind string, weight int) error {
	p := &pattern{src: src, use: use, kind: kind, weight: weight, first: -1}
	// A reply compiles the rules before it reads a message: this runs
	// for every pattern, so it allocates little (the words of all
	// patterns share r.words).
	n := countFields(src)
	if n == 0 {
		return errors.New("a pattern is empty")
	}
	p.words = make([]pword, 0, n)
	for i, f := range fieldsSeq(src) {
		if strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}") {
			slot := f[1 : len(f)-1]
			switch {
			case use == forNotification && slot != NameSlot:
				return fmt.Errorf("%q: a notification pattern has only the slot {%s}", src, NameSlot)
			case use != forNotification && !slices.Contains(ValueNames, slot):
				return fmt.Errorf("%q: unknown slot {%s} (choose from %s)", src, slot, strings.Join(ValueNames, ", "))
			case i > 0 && p.words[i-1].slot != "":
				return fmt.Errorf("%q: two slots next to each other cannot be told apart", src)
			}
			p.words = append(p.words, pword{slot: slot})
			continue
		}
		start := len(r.words)
		for rest := f; ; {
			a, more, found := strings.Cut(rest, "|")
			w := foldWord(a)
			if w == "" || strings.ContainsAny(a, "{}") {
				return fmt.Errorf("%q: %q is not a word", src, f)
			}
			r.words = append(r.words, w)
			if !found {
				break
			}
			rest = more
		}
		alts := r.words[start:len(r.words):len(r.words)]
		if p.first < 0 {
			p.first = i
		}
		p.literals++
		p.words = append(p.words, pword{alts: alts})
	}
	if p.first < 0 {
		return fmt.Errorf("%q: a pattern needs at least one word that is not a slot", src)
	}
	if use == forNotification && !slices.ContainsFunc(p.words, func(w pword) bool { return w.slot == NameSlot }) {
		return fmt.Errorf("%q: a notification pattern needs the slot {%s}", src, NameSlot)
	}
	if use == forValue && p.literals == len(p.words) {
		return fmt.Errorf("%q: a value pattern needs a slot", src)
	}
	for _, a := range p.words[p.first].alts {
		r.index[a] = append(r.index[a], p)
	}
	return nil
}

// countFields is len(strings.Fields(s)) for ASCII white space, which
// patterns are written with, without the slice.
func countFields(s string) int {
	n := 0
	for i := range fieldsSeq(s) {
		n = i + 1
	}
	return n
}

// fieldsSeq yields the words of s between ASCII white space, with their
// index.
func fieldsSeq(s string) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		i := 0
		for n := 0; ; n++ {
			for i < len(s) && asciiSpace(s[i]) {
				i++
			}
			if i == len(s) {
				return
			}
			j := i
			for j < len(s) && !asciiSpace(s[j]) {
				j++
			}
			if !yield(n, s[i:j]) {
				return
			}
			i = j
		}
	}
}

func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[foldWord(w)] = true
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// isNoReply returns the no-reply-senders pattern that addr matches, or "".
// NoReply returns the no-reply pattern addr matches, or "": a message
// from such an address is a notification, answered on the site.
func (r *Rules) NoReply(addr string) string { return r.isNoReply(addr) }

func (r *Rules) isNoReply(addr string) string {
	for _, p := range r.NoReplySenders {
		if globMatch(strings.ToLower(p), strings.ToLower(addr)) {
			return p
		}
	}
	return ""
}

// globMatch reports whether s matches pattern, where '*' matches any run
// of characters and everything else only itself.
func globMatch(pattern, s string) bool {
	star, next := -1, 0 // the last '*' seen, and where in s it resumes
	pi, si := 0, 0
	for si < len(s) {
		switch {
		case pi < len(pattern) && pattern[pi] == '*':
			star, next = pi, si
			pi++
		case pi < len(pattern) && pattern[pi] == s[si]:
			pi++
			si++
		case star >= 0:
			next++
			pi, si = star+1, next
		default:
			return false
		}
	}
	for pi < len(pattern) && pattern[pi] == '*' {
		pi++
	}
	return pi == len(pattern)
}
