package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The French prepositions a template puts before a value, written as
// French writes them with that value: de elides before a vowel ("d’Antoine
// Mercier", "d’Élodie", "d’Yves", but "de Yann") and contracts with a
// lowercase article the value starts with ("du Crédit Agricole" from "le
// Crédit Agricole", "des Galeries Lafayette", "de la BNP", "de l’Oréal"
// stays as typed); à contracts the same way ("au ministère", "aux
// associés", "à la BNP", "à Antoine"); Chez says "chez Airbus" of a name
// and "à la BNP" of a value that starts with its own article, where
// "chez la BNP" reads wrong. A value with a capitalised article ("Le
// Monde", "La Poste") is a name and keeps it: "de Le Monde" is rare, "du
// Goff" from "Le Goff" would be wrong. Each is linear in its value and
// adds a few bytes.

// De is "de" before v, elided or contracted as French writes it.
func De(v string) string {
	v = strings.TrimSpace(v)
	if c := contracted(v, "du ", "des "); c != "" {
		return c
	}
	if elides(v) {
		return "d’" + v
	}
	return "de " + v
}

// contracted is v after a preposition that merges with the lowercase
// article "le" or "les" v starts with (de: du, des; à: au, aux), or ""
// when v starts with neither.
func contracted(v, le, les string) string {
	switch art, rest := frenchArticle(v); art {
	case "le":
		return le + rest
	case "les":
		return les + rest
	}
	return ""
}

// Que is "que" before v, elided before a vowel: "qu’Antoine", "en tant
// qu’analyste".
func Que(v string) string {
	v = strings.TrimSpace(v)
	if elides(v) {
		return "qu’" + v
	}
	return "que " + v
}

// A is "à" before v, contracted with a lowercase article: "au", "aux".
func A(v string) string {
	v = strings.TrimSpace(v)
	if c := contracted(v, "au ", "aux "); c != "" {
		return c
	}
	return "à " + v
}

// En is the field a service belongs to: "en comptabilité", "en
// photographie de mariage", or "sur la refonte du site" for a value that
// starts with a lowercase article, a piece of work rather than a field
// ("vos prestations en comptabilité", "vos prestations sur la refonte du
// site").
func En(v string) string {
	v = strings.TrimSpace(v)
	if art, _ := frenchArticle(v); art != "" {
		return "sur " + v
	}
	return "en " + v
}

// Chez is where someone works: "chez Airbus", or "à la BNP", "au Crédit
// Agricole" for a value that starts with a lowercase article.
func Chez(v string) string {
	v = strings.TrimSpace(v)
	if art, _ := frenchArticle(v); art != "" {
		return A(v)
	}
	return "chez " + v
}

// frenchArticle is the lowercase definite article v starts with ("le",
// "la", "les", or "l" for "l’" and "l'") and what follows it.
func frenchArticle(v string) (art, rest string) {
	for _, a := range []string{"le ", "la ", "les ", "l’", "l'"} {
		if strings.HasPrefix(v, a) && len(v) > len(a) {
			return strings.TrimRight(a, " ’'"), strings.TrimLeft(v[len(a):], " ")
		}
	}
	return "", v
}

// elides reports whether "de" before v is written "d’": v starts with a
// vowel, or with a Y before a consonant ("Yves", not "Yann").
func elides(v string) bool {
	c, size := utf8.DecodeRuneInString(v)
	c = unicode.ToLower(c)
	if strings.ContainsRune("aeiouàâäéèêëîïôöùûüœæ", c) {
		return true
	}
	if c != 'y' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(v[size:])
	return unicode.IsLetter(next) && !strings.ContainsRune("aeiouàâäéèêëîïôöùûü", unicode.ToLower(next))
}
