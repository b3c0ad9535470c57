// Package plural chooses between the singular and plural of a word by a
// count, for messages.
package plural

import "strconv"

// Pick returns one when n is 1, else many.
func Pick[T any](n int, one, many T) T {
	if n == 1 {
		return one
	}
	return many
}

// N writes a count with its noun: "1 row", "2 rows".
func N(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Pick(n, one, many)
}
