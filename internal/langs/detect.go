package langs

import (
	"unicode"
	"unicode/utf8"
)

// Detect guesses the language of a text from its common words: each
// language lists words (lowercase) that are frequent in it and rare in
// the others ("und", "nicht", "Ihnen" for German), and the language
// whose words the text uses most wins. ok is false when no language
// has at least minHits of its words in the text, or when two tie: a
// short or mixed text is not guessed.
//
// It reads at most maxRead bytes: the start of a request says enough,
// and the cost stays bounded whatever the message's length.
func Detect(text string, words map[string][]string) (lang string, ok bool) {
	if len(text) > maxRead {
		text = text[:maxRead]
	}
	index := map[string][]string{}
	for l, ws := range words {
		for _, w := range ws {
			index[w] = append(index[w], l)
		}
	}
	hits := map[string]int{}
	var buf []byte
	flush := func() {
		if len(buf) == 0 {
			return
		}
		for _, l := range index[string(buf)] {
			hits[l]++
		}
		buf = buf[:0]
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || c == '\'':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			default:
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || r == '’' {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	best, second := 0, 0
	for l, n := range hits {
		switch {
		case n > best || n == best && l < lang:
			second = max(second, min(best, n))
			if n == best {
				second = n
			}
			best, lang = n, l
		case n > second:
			second = n
		}
	}
	if best < minHits || best == second {
		return "", false
	}
	return lang, true
}

const (
	maxRead = 4 << 10
	minHits = 3
)
