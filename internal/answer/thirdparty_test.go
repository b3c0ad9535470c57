package answer

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// mayAskOnBehalf only saves the pattern's work: wherever the pattern
// matches, it says it may.
func TestMayAskOnBehalfNeverHidesAMatch(t *testing.T) {
	words := []string{"for", "FOR", "on behalf of", "About", "my", "MY", "our", "Our", "old", "dear",
		"son", "Son", "SON", "person", "reason", "co-worker", "coworker", "neighbour", "Neighbor", "mum", "colleague",
		"Bob", "Jones", "Ana-María", "O'Neil", "bob", "ſon", "co-Worker", "\u212aid", "wor\u212aer", "ã", "é"}
	seps := []string{" ", "  ", "\t", "\n", "\r\n", "\f", "\v", ", ", "-", ""}
	r := rand.New(rand.NewPCG(1, 2))
	matched := 0
	for range 40_000 {
		var b strings.Builder
		for n := 2 + r.IntN(10); n > 0; n-- {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		text := b.String()
		m := onBehalf().FindStringSubmatch(text) != nil
		if m {
			matched++
		}
		if m && !mayAskOnBehalf(text) {
			t.Fatalf("the pattern matches %q, but mayAskOnBehalf says it cannot", text)
		}
	}
	if matched < 100 {
		t.Fatalf("only %d of the generated texts match: the test tests little", matched)
	}
	for _, text := range []string{
		"Would you write me a recommendation for our time on the payments project?",
		"Could you vouch for my work with your team?",
		"a person of reason",
	} {
		if mayAskOnBehalf(text) {
			t.Errorf("mayAskOnBehalf(%q) = true; the pattern need not run", text)
		}
	}
	for _, text := range []string{
		"for my colleague Bob Jones",
		"On behalf of our\tdear\nNEIGHBOUR Sam",
		"for my \u212aid... no: for my wor\u212aer Sam", // the Kelvin sign: the pattern decides
	} {
		if !mayAskOnBehalf(text) {
			t.Errorf("mayAskOnBehalf(%q) = false", text)
		}
	}
}
