package answer

import (
	"bytes"
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
// kilobytes take some 7 million instructions, half of a reply's work,
// where this test takes a small part of that.
func mayAskOnBehalf(text string) bool {
	// Under (?i) two runes match ASCII letters of the relations: the
	// Kelvin sign (k) and the long s (s). With them the pattern decides.
	if strings.ContainsRune(text, '\u212a') || strings.ContainsRune(text, '\u017f') {
		return true
	}
	lower := []byte(text)
	for i, c := range lower {
		if 'A' <= c && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	space := func(i int) bool {
		if i < 0 || i >= len(lower) {
			return false
		}
		switch lower[i] {
		case ' ', '\t', '\n', '\f', '\r':
			return true
		}
		return false
	}
	for _, w := range relations {
		for at := 0; ; {
			i := bytes.Index(lower[at:], []byte(w))
			if i < 0 {
				break
			}
			i += at
			if space(i-1) && space(i+len(w)) {
				return true
			}
			at = i + 1
		}
	}
	return false
}

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
