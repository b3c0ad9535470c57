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
	return regexp.MustCompile(`(?i)\b(?:for|on behalf of|about)\s+(?:my|our)\s+(?:former\s+|old\s+|good\s+|close\s+|dear\s+)?(?:colleague|co-worker|coworker|friend|son|daughter|brother|sister|wife|husband|partner|mentee|student|niece|nephew|cousin|boss|manager|employee|teammate|classmate|neighbou?r|relative|father|mother|dad|mum|mom)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)`)
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
	m := onBehalf().FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	return &ThirdPartyError{Name: m[1], Words: strings.Join(strings.Fields(m[0]), " ")}
}
