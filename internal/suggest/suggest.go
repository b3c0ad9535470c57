// Package suggest finds what a mistyped name most likely meant, for
// "did you mean" hints.
package suggest

import "strings"

// Closest is the name that typed most likely meant, among names: each
// entry is a name followed by its aliases, and an alias that matches
// stands for its name. A name that begins with typed (of two letters or
// more) wins; else the nearest within two edits. It returns "" when none
// is close.
func Closest(typed string, names [][]string) string {
	best, bestDist := "", 3
	for _, entry := range names {
		for _, name := range entry {
			if len(typed) > 1 && strings.HasPrefix(name, typed) {
				return entry[0]
			}
			if d := Distance(strings.ToLower(typed), name); d < bestDist {
				best, bestDist = entry[0], d
			}
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
