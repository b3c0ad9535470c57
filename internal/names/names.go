// Package names reads people's names and short values as a person would:
// what to call someone ("Dr. Jane Smith" is Jane, or Dr. Smith in a
// formal letter), and which article a value takes ("an MBA intern").
//
// The rules are general; the words they rely on (titles, surname
// particles, the article exceptions) are data, in Rules, which each
// language's locale file holds (the names section of
// templates/LANG/locale.yaml, compiled into Go with the catalog).
//
// Every function here runs in time linear in its input and returns a
// result at most a few bytes longer than twice its input (title case can
// widen a letter), which template functions rely on.
package names

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Rules are the words a language's names and articles follow.
type Rules struct {
	// Titles come before a name and are skipped when finding the first
	// name ("dr", "prof"): lowercase, without a dot.
	Titles []string
	// Degrees are words that belong to the title before them ("med" in
	// "Dr. med. Hans Meier", "rer", "nat" in "Dr. rer. nat."): skipped
	// after a title, a name anywhere else ("Nat Smith").
	Degrees []string
	// GivenTitles are the titles used with the given name rather than the
	// surname ("sir": Sir Paul, not Sir McCartney).
	GivenTitles []string
	// Courtesy are the forms of address ("herr", "mme", "sr") after which
	// a formal greeting also says the title that follows: "Herr Dr.
	// Wagner". After any other title only the first is said: "Prof. Dr.
	// Hans Weber" is Prof. Weber.
	Courtesy []string
	// JobTitles are words of a job title that may stand before a name
	// in a value ("CTO Ann Lee", "our VP Ana Ruiz"): lowercase, without
	// dots. Value skips them when a capitalized word follows, so that
	// the name is said again, not the title.
	JobTitles []string
	// Suffixes follow a name after a comma ("Scott Lee, PhD"): lowercase,
	// without dots.
	Suffixes []string
	// Doctorates are the suffixes that make their holder a doctor, greeted
	// in a formal letter as Doctor and surname ("Robert Smith, PhD" is Dr.
	// Smith): lowercase, without dots. They need not be in Suffixes too.
	Doctorates []string
	// Doctor is the title a formal greeting gives the holder of a
	// doctorate ("Dr."); empty leaves such a name as any other.
	Doctor string
	// Particles are lowercase words that belong to a surname ("van" in
	// "Ludwig van Beethoven").
	Particles []string
	// Compounds are given names of two words that are said together
	// ("ana maría", "juan carlos"): lowercase, one space between the
	// words. Case and accents do not matter when they are matched, so
	// "Ana Maria" and "ANA MARÍA" match "ana maría".
	Compounds []string
	// FamilyAll says that the family name is every word after the given
	// name, not only the last one with its particles: a Spanish name
	// carries two surnames, and the first is the one a greeting must
	// keep ("Ana Ruiz García" is Ruiz García, not García).
	FamilyAll bool
	// SpokenTitles are titles a formal greeting says in full and alone,
	// as French does: "Dr Claire Dubois" is greeted "Bonjour Docteur,",
	// "Mme Leroy" "Bonjour Madame,", where "Bonjour Dr Dubois," reads as
	// a mail merge. Keys are titles as Titles lists them.
	SpokenTitles map[string]string
	// Articles is how a value takes an indefinite article; a language
	// without them leaves A and An empty.
	Articles Articles
	// Again is how a value that is not a name is mentioned a second
	// time (see Value).
	Again Again
}

// Again is how a value that describes a person rather than naming them
// ("the head of recruiting at Globex") is said the second time: shorter,
// and definite ("the head of recruiting").
type Again struct {
	// Definite replaces an indefinite article (Articles.A or An) at the
	// start of the value: "a recruiter at Stripe" is "the recruiter".
	Definite string
	// Qualifiers are lowercase words that start a part the second
	// mention leaves out ("at", "from", "who"), as a comma does.
	Qualifiers []string
}

// Articles is how a language puts an indefinite article before a value:
// A before most words, An before a vowel sound.
type Articles struct {
	A, An string
	// Vowels are the letters that sound as a vowel at the start of a word.
	Vowels string
	// AnBefore are beginnings of words (lowercase) that take An although
	// they start with another letter ("hour", "honest").
	AnBefore []string
	// ABefore are beginnings of words (lowercase) that take A although
	// they start with a vowel ("uni", "euro", "one").
	ABefore []string
	// AnLetters are the capital letters whose names start with a vowel
	// sound, for initialisms read letter by letter ("an MBA", "a UX").
	AnLetters string
	// AnNumbers are beginnings of numbers read with a vowel sound ("8",
	// "11", "18"), each matched as a whole group of digits or its start.
	AnNumbers []string
	// Determiners are words a value may already start with ("the",
	// "our"): such a value is left as it is.
	Determiners []string
}

// First is what to call someone, from their name as a contact list or
// LinkedIn shows it: the first word after any titles ("Dr. Jane Smith",
// "Prof. Dr. Hans Weber") and initials ("J. Robert Oppenheimer"), the
// title with the surname when there is no given name ("Mr. Smith",
// "Dr. J. Smith": see Formal), the
// word after the comma in "Lee, Scott" (but not in "Scott Lee, PhD"),
// without punctuation, emoji or symbols around it, and in title case
// when the whole name is in capitals ("JANE SMITH" is Jane).
func (r *Rules) First(name string) string {
	name, reversed := r.givenPart(name)
	// Without allocating, unless the name is in capitals: a batch calls
	// this for every row.
	first := ""
	rest := name
	for {
		word, tail := nextName(rest)
		if word == "" {
			break
		}
		next, afterNext := nextName(tail)
		if next == "" {
			// The last word: the first name when nothing came before. After
			// titles alone it is a surname ("Mr. Smith"), which is not said
			// without its title.
			if first != "" && r.IsTitle(first) {
				if f := r.Formal(name); f != "" {
					return f
				}
			}
			if first == "" || r.IsTitle(first) {
				first = word
			}
			break
		}
		if r.IsTitle(word) || first != "" && r.IsTitle(first) && r.isDegree(word) {
			if first == "" {
				first = word // in case no other word follows
			}
			rest = tail
			continue
		}
		if isInitial(word) {
			// "J. Robert Oppenheimer": the given name follows. In "J.
			// Smith" the initial is all there is to go by.
			if _, after := nextName(tail); !isEmptyName(after) {
				if first == "" || r.IsTitle(first) {
					first = word
				}
				rest = tail
				continue
			}
			// "Dr. J. Smith": a title, an initial and a surname.
			if first != "" && r.IsTitle(first) {
				if f := r.Formal(name); f != "" {
					return f
				}
			}
		}
		first = word
		// "Ana María Ruiz" is Ana María: a compound given name is said
		// whole, when a surname follows it or it stands after the comma
		// of "Ruiz, Ana María" (in "Juan Carlos" alone, Carlos may be
		// the surname).
		if (reversed || !isEmptyName(afterNext)) && r.isCompound(word, next) {
			first = word + " " + next
		}
		break
	}
	if first == "" {
		// No word with a letter: the name as given is all there is.
		first, _ = nextWord(name)
	} else if hasNoLower(name) {
		return titleCase(trimPunct(first))
	}
	return trimPunct(first)
}

// Value is how a value that names a third party is said after its
// first mention: the first name of a person's name, by the rules of First
// ("Maria Lopez" is Maria, "our CTO, Ann Lee" is Ann). A value that does
// not start with a name is a description, said again without its
// qualifiers and with a definite article (Rules.Again): "the head of
// recruiting at Globex" is "the head of recruiting", "a recruiter I know
// at Stripe" is "the recruiter I know"; one with nothing to leave out
// ("the hiring manager") is returned as it is.
func (r *Rules) Value(v string) string {
	v = strings.TrimSpace(v)
	if inList(r.JobTitles, v) {
		// A title alone ("CTO") is said as it was written.
		return v
	}
	first := r.First(r.withoutJobTitle(v))
	if first == "" {
		return v
	}
	if !capitalized(first) {
		// "Dr. Eva Lind, our CTO": the name before the comma.
		if before, _, ok := strings.Cut(v, ","); ok {
			if f := r.First(before); capitalized(f) {
				return f
			}
		}
		return r.again(v)
	}
	return first
}

// withoutJobTitle is what follows the job title a value starts with,
// after a determiner or not, when a capitalized word that is not a
// job title follows it: "CTO Ann Lee" and "our VP of Sales Ana Ruiz"
// are Ann Lee and Ana Ruiz. Anything else is returned as it is: "the
// CTO", "CTO, Ann Lee" (the comma says it already), "CTO of Globex".
func (r *Rules) withoutJobTitle(v string) string {
	if len(r.JobTitles) == 0 {
		return v
	}
	rest := v
	if w, tail := nextWord(rest); slices.Contains(r.Articles.Determiners, strings.ToLower(w)) {
		rest = tail
	}
	n := 0
	for {
		w, tail := nextWord(rest)
		if w == "" || w != strings.TrimRight(w, ",;:") || !inList(r.JobTitles, w) {
			break
		}
		rest, n = tail, n+1
	}
	if w, _ := nextWord(rest); n == 0 || !capitalized(w) {
		return v
	}
	return strings.TrimSpace(rest)
}

func capitalized(w string) bool {
	c, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(c) || unicode.IsTitle(c)
}

// again is a description shortened for its second mention (see Value).
func (r *Rules) again(v string) string {
	words := strings.Fields(v)
	if len(words) < 2 {
		return v
	}
	// Keep at least two words: "the head" of "the head at Globex" is
	// still a person; "the" alone is not.
	n := len(words)
	for i := 1; i < len(words); i++ {
		if strings.HasSuffix(words[i-1], ",") {
			n = i
			break
		}
		if i >= 2 && slices.Contains(r.Again.Qualifiers, words[i]) {
			n = i
			break
		}
	}
	if n < 2 {
		return v
	}
	words = words[:n]
	words[n-1] = strings.TrimRight(words[n-1], ",;:")
	if a := r.Again.Definite; a != "" && (words[0] == r.Articles.A || words[0] == r.Articles.An) {
		words[0] = a
	}
	return strings.Join(words, " ")
}

// Signature is a person's own name as they sign it: without the titles
// before it or the letters after its comma ("Dr. Miriam Katz" signs
// Miriam Katz, "Scott Lee, PhD" Scott Lee), in the order it is said
// ("Lee, Scott" is Scott Lee). A name that is only a title is left as
// it is.
func (r *Rules) Signature(name string) string {
	name = strings.TrimSpace(name)
	if w, _ := nextWord(name); !strings.Contains(name, ",") && (!r.IsTitle(w) || w == name) {
		// Most names: nothing to leave out, and nothing allocated (a batch
		// signs every reply).
		return name
	}
	given, family := r.split(name)
	words := strings.Fields(given)
	i := 0
	for i < len(words)-1 && r.titleAt(words, i) {
		i++
	}
	out := strings.Join(words[i:], " ")
	if family = strings.TrimSpace(family); family != "" {
		out += " " + family
	}
	return out
}

// Addressee is what a formal greeting calls someone: title and surname
// when the name carries a title ("Dr. Jane Smith" is Dr. Smith, "Prof.
// Dr. Hans Weber" is Prof. Weber, "Sir Paul McCartney" is Sir Paul),
// else the first name as First finds it.
func (r *Rules) Addressee(name string) string {
	if f := r.Formal(name); f != "" {
		return f
	}
	return r.First(name)
}

// Formal is the title and surname (or given name, for the titles used
// that way) that a formal greeting calls someone whose name carries a
// title, and empty for a name without one.
func (r *Rules) Formal(name string) string {
	name = strings.TrimSpace(name)
	given, family := r.split(name)
	words := nameWords(given)
	if len(words) > 0 && !r.IsTitle(words[0]) && r.Doctor != "" && r.doctorate(name) {
		// "Robert Smith, PhD" is greeted as "Dr. Robert Smith" would be.
		if surname := r.surname(name); surname != "" {
			return r.Doctor + " " + surname
		}
		return ""
	}
	if len(words) == 0 || !r.IsTitle(words[0]) || len(words) == 1 && family == "" {
		return ""
	}
	title := words[0]
	if spoken, ok := r.SpokenTitles[strings.ToLower(strings.TrimRight(title, "."))]; ok {
		return spoken
	}
	caps := hasNoLower(name)
	if caps {
		title = titleCase(title)
	}
	i := 1
	for i < len(words) && r.titleAt(words, i) {
		i++
	}
	if i > 1 && inList(r.Courtesy, words[0]) {
		// A form of address keeps the title after it: "Herr Dr.
		// Wagner", as German letters write it, not "Herr Wagner".
		next := words[1]
		if caps {
			next = titleCase(next)
		}
		title += " " + next
	}
	rest := words[i:]
	if r.isGivenTitle(title) {
		if len(rest) == 0 {
			return ""
		}
		g := rest[0]
		if caps {
			g = titleCase(g)
		}
		return title + " " + trimPunct(g)
	}
	var surname string
	switch {
	case family != "":
		surname = strings.Join(nameWords(family), " ")
	case len(rest) == 0:
		return ""
	default:
		surname = strings.Join(rest[r.familyStart(rest):], " ")
	}
	if caps {
		surname = titleCase(surname)
	}
	return title + " " + trimPunct(surname)
}

// split splits a trimmed name at its comma: "Weber, Prof. Hans" is the
// given part "Prof. Hans" and the family name "Weber"; "Scott Lee, PhD"
// is the given part "Scott Lee" with no family name.
func (r *Rules) split(name string) (given, family string) {
	given = name
	if before, after, ok := strings.Cut(name, ","); ok {
		word, _ := nextWord(strings.TrimSpace(after))
		if strings.TrimSpace(before) != "" && strings.TrimSpace(after) != "" && !r.isSuffix(word) {
			// The surname comes first.
			given, family = after, before
		} else if strings.TrimSpace(before) != "" {
			given = before
		}
	}
	return given, family
}

// Full is the given name and surname, for a greeting that calls someone
// by full name ("Guten Tag Jana Müller,"): "Lee, Scott" is Scott Lee,
// "JANA MÜLLER" is Jana Müller, "Scott Lee, PhD" is Scott Lee; titles,
// middle names and initials are left out. A name of one word is that
// word, and a name with a title is what First calls it.
func (r *Rules) Full(name string) string {
	first := r.First(name)
	last := r.surname(name)
	// A compound given name ("Ana María") stands alone unless the
	// family name is every word after it (FamilyAll).
	if last == "" || last == first || strings.Contains(first, " ") && !r.FamilyAll {
		return first
	}
	return first + " " + last
}

// surname is the family name of a name of two words or more, with its
// particles ("van Beethoven"), or "" when there is none to tell.
func (r *Rules) surname(name string) string {
	name = strings.TrimSpace(name)
	given, family := r.split(name)
	var surname string
	if family != "" {
		surname = strings.Join(nameWords(family), " ")
	} else {
		words := nameWords(given)
		i := 0
		for i < len(words) && r.titleAt(words, i) {
			i++
		}
		rest := words[i:]
		if len(rest) < 2 {
			return ""
		}
		surname = strings.Join(rest[r.familyStart(rest):], " ")
	}
	if hasNoLower(name) {
		surname = titleCase(surname)
	}
	return trimPunct(surname)
}

// familyStart is the index in words (a name without its titles) where
// the family name starts: the last word with the particles before it
// ("van Beethoven"), or with FamilyAll every word after the given name
// (a compound one counting as one); at least one word is left for the
// given name when there are two or more.
func (r *Rules) familyStart(words []string) int {
	if len(words) < 2 {
		return 0
	}
	if r.FamilyAll {
		i := 0
		for i < len(words)-2 && isInitial(words[i]) {
			i++
		}
		if i+2 < len(words) && r.isCompound(words[i], words[i+1]) {
			return i + 2
		}
		return i + 1
	}
	j := len(words) - 1
	for j > 1 && r.isParticle(words[j-1]) {
		j--
	}
	return j
}

// WithArticle puts the indefinite article a value takes before it: "an
// Engineering Manager", "a Senior Accountant", "an MBA intern", "a UX
// designer". A value that already starts with an article or determiner
// ("the", "our") is returned as it is, and so is any value when the
// rules have no articles.
func (r *Rules) WithArticle(v string) string {
	v = strings.TrimSpace(v)
	a := &r.Articles
	if v == "" || a.A == "" && a.An == "" {
		return v
	}
	word, _ := nextWord(v)
	bare := strings.TrimLeftFunc(word, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	if bare == "" {
		return v
	}
	for _, d := range a.Determiners {
		if strings.EqualFold(trimPunct(word), d) {
			return v
		}
	}
	if a.takesAn(bare) {
		return a.An + " " + v
	}
	return a.A + " " + v
}

// takesAn reports whether a word, starting with a letter or digit, is
// read with a vowel sound first.
func (a *Articles) takesAn(w string) bool {
	c, _ := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(c) {
		end := strings.IndexFunc(w, func(c rune) bool { return !unicode.IsDigit(c) && c != ',' })
		digits := w
		if end >= 0 {
			digits = w[:end]
		}
		group, _, _ := strings.Cut(digits, ",")
		for _, n := range a.AnNumbers {
			// "8", "80", "800", "8,000" take an; "11" and "18" only as
			// the whole first group ("11", "11,000", "18,500").
			if strings.HasPrefix(group, n) && (len(n) == 1 || len(group) == len(n) || len(group)%3 == len(n)%3) {
				return true
			}
		}
		return false
	}
	// The letters the word starts with, up to a hyphen or other mark.
	end := strings.IndexFunc(w, func(c rune) bool { return !unicode.IsLetter(c) })
	letters := w
	if end >= 0 {
		letters = w[:end]
	}
	if isInitialism(letters) {
		return strings.ContainsRune(a.AnLetters, c)
	}
	lower := strings.ToLower(letters)
	for _, p := range a.AnBefore {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for _, p := range a.ABefore {
		if strings.HasPrefix(lower, p) {
			return false
		}
	}
	return strings.ContainsRune(a.Vowels, c)
}

// isInitialism reports whether letters are read one by one: capitals
// only, and either one to three of them or no vowel among them ("MBA",
// "UX", "HTML"; not "NASA").
func isInitialism(letters string) bool {
	n, vowels := 0, 0
	for _, c := range letters {
		if !unicode.IsUpper(c) {
			return false
		}
		n++
		if strings.ContainsRune("AEIOU", c) {
			vowels++
		}
	}
	return n > 0 && (n <= 3 || vowels == 0)
}

// OnlyTitles reports whether a name is titles alone ("Dr.", "Prof.
// Dr."), with no word of a name to greet, without allocating.
func (r *Rules) OnlyTitles(name string) bool {
	// The first word settles nearly every name: one of ASCII letters
	// (and dots) that is not a title is looked up as it is, without
	// the trimming of symbols below; a batch asks this of every row.
	i := 0
	for i < len(name) && name[i] == ' ' {
		i++
	}
	j := i
	for j < len(name) && ('a' <= name[j]|0x20 && name[j]|0x20 <= 'z' || name[j] == '.') {
		j++
	}
	if j > i && (j == len(name) || name[j] == ' ') && !r.IsTitle(name[i:j]) {
		return false
	}
	any := false
	for {
		word, rest := nextName(name)
		if word == "" {
			return any
		}
		if !r.IsTitle(word) && !(any && r.isDegree(word)) {
			return false
		}
		any, name = true, rest
	}
}

// IsTitle reports whether a word is a title that comes before a name,
// ignoring case and trailing dots ("Dr.", "PROF").
func (r *Rules) IsTitle(w string) bool {
	return inList(r.Titles, w)
}

// titleAt reports whether words[i] is a title, or a degree after the
// titles before it ("med" in "Dr. med. Hans Meier"); words before i are
// titles.
func (r *Rules) titleAt(words []string, i int) bool {
	return r.IsTitle(words[i]) || i > 0 && r.isDegree(words[i])
}

// isDegree reports whether a word is one of Degrees, ignoring case and
// dots ("h.c." is hc).
func (r *Rules) isDegree(w string) bool {
	if len(r.Degrees) == 0 {
		return false
	}
	if strings.IndexByte(strings.TrimRight(w, "."), '.') >= 0 {
		w = strings.ReplaceAll(w, ".", "")
	}
	return inList(r.Degrees, w)
}

func (r *Rules) isGivenTitle(w string) bool { return inList(r.GivenTitles, w) }

func (r *Rules) isParticle(w string) bool {
	// Only in lower case: "De" in "Anna De Luca" may be a given name.
	for _, p := range r.Particles {
		if w == p {
			return true
		}
	}
	return false
}

func (r *Rules) isSuffix(w string) bool {
	w = strings.ReplaceAll(strings.TrimRight(w, ".,"), ".", "")
	return inList(r.Suffixes, w) || inList(r.Doctorates, w)
}

// doctorate reports whether a name carries a doctorate among the
// suffixes after its comma ("Robert Smith, PhD", "Smith, Robert, M.D.",
// "Jane Roe, MBA, Ph.D.").
func (r *Rules) doctorate(name string) bool {
	if len(r.Doctorates) == 0 {
		return false
	}
	_, after, ok := strings.Cut(name, ",")
	for ok {
		var part string
		part, after, ok = strings.Cut(after, ",")
		for _, w := range strings.Fields(part) {
			if inList(r.Doctorates, strings.ReplaceAll(strings.TrimRight(w, ".,"), ".", "")) {
				return true
			}
		}
	}
	return false
}

// inList reports whether w, ignoring ASCII case and trailing dots, is one
// of the lowercase words, without allocating.
func inList(list []string, w string) bool {
	for len(w) > 0 && w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	const max = 16
	if len(w) == 0 || len(w) > max {
		return false
	}
	var lower [max]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	if len(list) > 8 && indexOf(list).lens[lower[0]]&(1<<len(w)) == 0 {
		// No word of the list starts with this letter and has this
		// length: most names are settled here, without reading it.
		return false
	}
	for _, t := range list {
		// The first byte first: most words differ there, and the
		// comparison of whole strings is a call.
		if len(t) == len(w) && t[0] == lower[0] && t == string(lower[:len(w)]) {
			return true
		}
	}
	return false
}

// listIndex says, of a list of words, which lengths its words of each
// first byte have.
type listIndex struct {
	first *string // the list's, which it was made from
	n     int
	lens  [utf8.RuneSelf]uint32 // by first byte, bit n for a word of n bytes
}

// indexes hold the index of the lists last looked in; a list's words
// never change once it is read.
var indexes [8]atomic.Pointer[listIndex]

// indexOf returns the index of a list that is not empty.
func indexOf(list []string) *listIndex {
	slot := &indexes[(len(list)+len(list[0])+len(list[len(list)-1]))%len(indexes)]
	if ix := slot.Load(); ix != nil && ix.first == &list[0] && ix.n == len(list) {
		return ix
	}
	ix := &listIndex{first: &list[0], n: len(list)}
	for _, t := range list {
		if len(t) > 0 && len(t) < 32 && t[0] < utf8.RuneSelf {
			ix.lens[t[0]] |= 1 << len(t)
		}
	}
	slot.Store(ix)
	return ix
}

// givenPart is the part of a name that holds the given name: the part
// after the comma in "Lee, Scott" (reversed: the surname came first),
// before it in "Scott Lee, PhD".
func (r *Rules) givenPart(name string) (part string, reversed bool) {
	name = strings.TrimSpace(name)
	before, after, ok := strings.Cut(name, ",")
	if !ok {
		return name, false
	}
	after = strings.TrimSpace(after)
	word, _ := nextWord(after)
	switch {
	case strings.TrimSpace(before) == "" || isEmptyName(before):
		return after, false
	case after != "" && !r.isSuffix(word) && !isEmptyName(after):
		return after, true
	}
	return before, false
}

// isCompound reports whether two words make one of the compound given
// names, ignoring case and accents, without allocating.
func (r *Rules) isCompound(a, b string) bool {
	a, b = trimPunct(a), trimPunct(b)
	for _, c := range r.Compounds {
		ca, cb, ok := strings.Cut(c, " ")
		if ok && foldEqual(a, ca) && foldEqual(b, cb) {
			return true
		}
	}
	return false
}

// foldEqual reports whether two words are the same letters, ignoring
// case and the accents of Latin letters ("María" and "maria").
func foldEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if foldLetter(ra) != foldLetter(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

// latinBase maps the accented Latin letters names use to their base
// letter, in lower case.
var latinBase = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
	'ñ': 'n', 'ç': 'c', 'ý': 'y', 'ÿ': 'y',
}

func foldLetter(c rune) rune {
	if c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return c
	}
	c = unicode.ToLower(c)
	if base, ok := latinBase[c]; ok {
		return base
	}
	return c
}

// isInitial reports whether a word is an initial: one letter, or letters
// each followed by a dot ("J.", "J", "J.R.").
func isInitial(w string) bool {
	n := 0
	for i, c := range w {
		if c == '.' {
			continue
		}
		if !unicode.IsLetter(c) || i > 0 && w[i-1] != '.' && n > 0 {
			return false
		}
		n++
	}
	return n == 1 || n > 1 && strings.HasSuffix(w, ".")
}

// nextName returns the next word of s that holds a letter, trimmed of
// what is not part of a name (emoji, symbols, quotes, brackets), and
// what follows it.
func nextName(s string) (word, rest string) {
	for {
		word, rest = nextWord(s)
		if word == "" {
			return "", ""
		}
		if w := trimSymbols(word); w != "" {
			return w, rest
		}
		s = rest
	}
}

// isEmptyName reports whether s holds no word with a letter in it.
func isEmptyName(s string) bool {
	w, _ := nextName(s)
	return w == ""
}

// nameWords returns the words of s that hold a letter, trimmed as
// nextName trims them.
func nameWords(s string) []string {
	var out []string
	for {
		w, rest := nextName(s)
		if w == "" {
			return out
		}
		out = append(out, w)
		s = rest
	}
}

// trimSymbols trims a word to its letters: whatever is not a letter, a
// mark or a digit goes from both ends, except a dot after a letter
// ("Dr.", "J."). A word with no letter is empty.
func trimSymbols(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return trimSymbolsUnicode(w)
		}
	}
	// ASCII, as most names are: the same steps, a byte at a time.
	start := 0
	for start < len(w) && !isASCIINameByte(w[start]) {
		start++
	}
	if start == len(w) {
		return ""
	}
	end := len(w)
	for !isASCIINameByte(w[end-1]) {
		end--
	}
	for end < len(w) && w[end] == '.' {
		end++
	}
	w = w[start:end]
	for i := 0; i < len(w); i++ {
		if c := w[i] | 0x20; 'a' <= c && c <= 'z' {
			return w
		}
	}
	return ""
}

// isASCIINameByte is isNameRune for an ASCII byte: a letter or a digit.
func isASCIINameByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// trimSymbolsUnicode is trimSymbols for any text.
func trimSymbolsUnicode(w string) string {
	start := strings.IndexFunc(w, isNameRune)
	if start < 0 {
		return ""
	}
	w = w[start:]
	end := strings.LastIndexFunc(w, isNameRune)
	_, size := utf8.DecodeRuneInString(w[end:])
	end += size
	for end < len(w) && w[end] == '.' {
		end++
	}
	w = w[:end]
	if strings.IndexFunc(w, unicode.IsLetter) < 0 {
		return ""
	}
	return w
}

func isNameRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsMark(c) || unicode.IsDigit(c)
}

// trimPunct drops the punctuation that can follow a first name.
func trimPunct(w string) string {
	for len(w) > 0 {
		switch w[len(w)-1] {
		case ',', '.', ';', ':':
			w = w[:len(w)-1]
		default:
			return w
		}
	}
	return w
}

// nextWord returns the first word of s and what follows it.
func nextWord(s string) (word, rest string) {
	// strings.TrimLeftFunc and IndexFunc with unicode.IsSpace, without a
	// call for each ASCII byte.
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	s = s[i:]
	for j := 0; j < len(s); {
		if c := s[j]; c < utf8.RuneSelf {
			if isASCIISpace(c) {
				return s[:j], s[j:]
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(r) {
			return s[:j], s[j:]
		}
		j += size
	}
	return s, ""
}

// isASCIISpace is unicode.IsSpace for an ASCII byte.
func isASCIISpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// hasNoLower reports whether s has letters, none of them lower case.
func hasNoLower(s string) bool {
	letters := false
	for _, c := range s {
		if c < utf8.RuneSelf {
			// ASCII: the same answers as below, without the calls.
			if 'a' <= c && c <= 'z' {
				return false
			}
			letters = letters || 'A' <= c && c <= 'Z'
			continue
		}
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsLetter(c) {
			letters = letters || unicode.IsUpper(c)
		}
	}
	return letters
}

// titleCase writes a word in capitals as a name: a capital at the start
// and after an apostrophe, a hyphen or a space ("O'BRIEN" is O'Brien,
// "FERNÁNDEZ-ORTEGA" is Fernández-Ortega), lower case elsewhere.
func titleCase(w string) string {
	var b strings.Builder
	b.Grow(len(w) + 4)
	start := true
	for _, c := range w {
		switch {
		case start:
			b.WriteRune(unicode.ToTitle(c))
		default:
			b.WriteRune(unicode.ToLower(c))
		}
		start = c == '\'' || c == '’' || c == '-' || c == ' ' || c == '.'
	}
	return b.String()
}

// Greeting is how a name worked out for a greeting is written: as it is,
// unless the whole name was typed in lower case ("anna van der berg"),
// when each word takes a capital but the particles of a surname ("van",
// "der"), which stay lower case: "Anna van der Berg". name is the name
// as given, part the piece of it the greeting says.
func (r *Rules) Greeting(name, part string) string {
	if !hasNoUpper(name) {
		return part
	}
	words := strings.Fields(part)
	for i, w := range words {
		if i > 0 && r.isParticle(w) {
			continue
		}
		words[i] = titleCase(w)
	}
	return strings.Join(words, " ")
}

// hasNoUpper reports whether s has letters, none of them upper or title
// case.
func hasNoUpper(s string) bool {
	letters := false
	for _, c := range s {
		if unicode.IsUpper(c) || unicode.IsTitle(c) {
			return false
		}
		letters = letters || unicode.IsLetter(c)
	}
	return letters
}
