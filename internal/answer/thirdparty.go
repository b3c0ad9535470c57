package answer

import (
	"regexp"
	"strings"
	"sync"
)

// onBehalf finds a request made for someone else: "for my colleague Bob
// Jones", "on behalf of my son Sam". The reply would otherwise speak to
// the sender about themselves.
// It is compiled on first use: compiling it costs about 1 ms, which
// every draft would otherwise pay at start-up.
var onBehalf = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:for|on behalf of|about)\s+(?:my|our)\s+(?:former\s+|old\s+|good\s+|close\s+|dear\s+)?(?:` + strings.Join(relations, "|") + `)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)`)
})

// relations are the people onBehalf knows, in lower case.
var relations = []string{"colleague", "co-worker", "coworker", "friend", "son", "daughter", "brother", "sister", "wife", "husband", "partner", "mentee", "student", "niece", "nephew", "cousin", "boss", "manager", "employee", "teammate", "classmate", "neighbor", "neighbour", "relative", "father", "mother", "dad", "mum", "mom"}

// mayAskOnBehalf reports whether onBehalf can match text: only if a
// relation stands in it between white space (\s, as in the pattern).
// Compiling the pattern and running it over a message of a few
// kilobytes take some 7 million instructions, half of a reply's work;
// this reads the text once, a word at a time.
func mayAskOnBehalf(text string) bool {
	// Under (?i) two runes match ASCII letters of the relations: the
	// Kelvin sign (k) and the long s (s). With them the pattern decides.
	if strings.ContainsRune(text, '\u212a') || strings.ContainsRune(text, '\u017f') {
		return true
	}
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	var word [16]byte // longer than any relation
	relation := isRelation()
	for i := 0; i < len(text); {
		if isSpace(text[i]) {
			i++
			continue
		}
		start := i
		for i < len(text) && !isSpace(text[i]) {
			i++
		}
		// The word must have white space on both sides.
		if start == 0 || i == len(text) || i-start > len(word) || i-start < 3 {
			continue
		}
		w := word[:i-start]
		for k := range w {
			c := text[start+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w[k] = c
		}
		if relation[string(w)] {
			return true
		}
	}
	return false
}

// isRelation holds the relations, for mayAskOnBehalf; made on first use
// (a draft never needs it).
var isRelation = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(relations))
	for _, r := range relations {
		m[r] = true
	}
	return m
})

// ThirdPartyError is a message asking on behalf of someone else, named
// in its text: who the reply is for is not guessed.
type ThirdPartyError struct {
	Name  string // the person the request is for
	Words string // the words that say so
}

func (e *ThirdPartyError) Error() string {
	return "the message asks on behalf of " + e.Name + " (\"" + e.Words + "\"), and a reply to the sender about themselves would be wrong"
}

// thirdParty returns the ThirdPartyError of a text that asks for
// someone else, or nil.
func thirdParty(text string) *ThirdPartyError {
	if !mayAskOnBehalf(text) {
		return nil
	}
	m := onBehalf().FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	return &ThirdPartyError{Name: m[1], Words: strings.Join(strings.Fields(m[0]), " ")}
}
