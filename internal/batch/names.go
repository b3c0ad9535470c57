package batch

import (
	"bytes"
	"hash/maphash"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxSlug caps the part of a file name made from a requester's name.
const MaxSlug = 60

// Slug makes a file name stem from a person's name: its letters and
// digits in lower case, joined by single hyphens. Latin letters are
// spelled in ASCII ("José Núñez" is jose-nunez, "Nguyễn" nguyen); the
// letters of other scripts are kept as they are ("王芳" is 王芳, "Иван
// Петров" иван-петров), so that every name gives a file name that says
// whose it is. It never holds a path separator, a dot, a control or
// format character, so it can neither leave the directory nor make a
// hidden file nor hide what it says. A name with nothing to keep gives
// "reply".
func Slug(name string) string {
	// Built in place, with one allocation for the result: a run of
	// thousands of files names each.
	var buf [MaxSlug + 16]byte
	b := buf[:0]
	hyphen := false
	// keptOther: the last letter kept is of a script whose marks are
	// part of its letters (Devanagari and the scripts after it).
	keptOther := false
	for i := 0; i < len(name) && len(b) < MaxSlug; {
		c := name[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'':
				continue // O'Brien is obrien
			default:
				hyphen = true
				continue
			}
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			hyphen, keptOther = false, false
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(name[i:])
		i += size
		var fold string
		switch {
		case r >= 0xc0 && r < 0xc0+rune(len(latinFold)) && latinFold[r-0xc0] != "":
			fold = latinFold[r-0xc0]
		case r == 0x2019: // O’Brien is obrien, as O'Brien
			continue
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			// A combining accent, as in a decomposed "José" (e and
			// U+0301), is dropped, as a precomposed é is folded to e;
			// the vowel signs of Devanagari, Thai ... are kept.
			if keptOther && !hyphen {
				b = utf8.AppendRune(b, r)
			}
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			fold = latinBase(r)
		default:
			hyphen = true
			continue
		}
		if hyphen && len(b) > 0 {
			b = append(b, '-')
		}
		hyphen = false
		if fold != "" {
			b, keptOther = append(b, fold...), false
		} else {
			b, keptOther = utf8.AppendRune(b, unicode.ToLower(r)), r >= 0x900
		}
	}
	if len(b) > MaxSlug {
		// Cut at a character, and at a hyphen when one is near.
		cut := MaxSlug
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		b = b[:cut]
		if i := bytes.LastIndexByte(b, '-'); i > MaxSlug/2 {
			b = b[:i]
		}
		b = bytes.TrimRight(b, "-")
	}
	switch {
	case len(b) == 0:
		return "reply"
	case reservedOnWindows(b):
		return string(b) + "-reply"
	}
	return string(b)
}

// latinBase spells a Latin letter beyond Latin Extended-A in ASCII, by
// its base letter ("ễ" is e, "Ș" s), when it has one; else "".
func latinBase(r rune) string {
	if !unicode.Is(unicode.Latin, r) {
		return ""
	}
	var buf [utf8.UTFMax * 4]byte
	d := norm.NFD.AppendString(buf[:0], string(r))
	if c := d[0] | 0x20; 'a' <= c && c <= 'z' {
		return asciiLetters[c-'a' : c-'a'+1]
	}
	return ""
}

const asciiLetters = "abcdefghijklmnopqrstuvwxyz"

// reservedOnWindows reports device names that Windows will not use as
// file names, whatever the extension.
func reservedOnWindows(s []byte) bool {
	switch string(s) {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(s) == 4 && (string(s[:3]) == "com" || string(s[:3]) == "lpt") && s[3] >= '0' && s[3] <= '9'
}

// Namer gives each reply of a run a file name made from the requester's
// name, unique within the run: scott-lee.txt, then scott-lee-2.txt.
//
// To be unique it must remember the names it gave: it keeps a 64-bit hash
// of each in an open-addressing table, about 16 bytes per name at worst,
// so a million files cost some 16 MB and a run without --out-dir nothing.
// A hash that collides only makes a name take a number it did not need,
// never a duplicate.
type Namer struct {
	Ext string // such as ".txt"

	seed maphash.Seed
	used hashSet        // the names given
	next map[uint64]int // per stem given more than once: the next number to try
}

// NewNamer returns a namer for files with an extension.
func NewNamer(ext string) *Namer {
	n := &Namer{Ext: ext, seed: maphash.MakeSeed()}
	n.Reset()
	return n
}

// Reset forgets every name given, so that a second pass over the same
// rows gives the same names again.
func (n *Namer) Reset() {
	n.used = hashSet{}
	n.next = map[uint64]int{}
}

// Name returns the file name for the next reply to a person.
func (n *Namer) Name(person string) string {
	name, _ := n.NameFits(person, nil)
	return name
}

// NameFits returns the file name for the next reply to a person: the
// first of stem, stem-2, stem-3 ... not given yet in this run for which
// fits (when not nil) says yes. fits is how a rerun tells people of the
// same name apart: it turns down a name whose existing file is another
// person's, so that name is left to that person's row.
func (n *Namer) NameFits(person string, fits func(name string) (bool, error)) (string, error) {
	stem := Slug(person)
	h := maphash.String(n.seed, stem)
	name, taken := stem, false
	if !n.used.has(h) {
		ok, err := n.fits(fits, stem+n.Ext)
		if err != nil {
			return "", err
		}
		taken = ok
	}
	if !taken {
		// next is the lowest number not given yet; a number turned down
		// by fits is not given, and may fit a later row.
		first := max(n.next[h], 2)
		for i := first; ; i++ {
			name = stem + "-" + strconv.Itoa(i)
			if n.used.has(maphash.String(n.seed, name)) {
				continue
			}
			ok, err := n.fits(fits, name+n.Ext)
			if err != nil {
				return "", err
			}
			if ok {
				break
			}
		}
		n.used.add(maphash.String(n.seed, name))
		i := first
		for n.used.has(maphash.String(n.seed, stem+"-"+strconv.Itoa(i))) {
			i++
		}
		n.next[h] = i
		return name + n.Ext, nil
	}
	n.used.add(h)
	return name + n.Ext, nil
}

func (n *Namer) fits(fits func(string) (bool, error), name string) (bool, error) {
	if fits == nil {
		return true, nil
	}
	return fits(name)
}

// hashSet is a set of 64-bit hashes: linear probing in a power-of-two
// table, at most three quarters full. Zero marks an empty slot, so the
// hash 0 is stored as 1.
type hashSet struct {
	slots []uint64
	n     int
}

func (s *hashSet) has(h uint64) bool {
	if s.n == 0 {
		return false
	}
	h = max(h, 1)
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

func (s *hashSet) add(h uint64) {
	if (s.n+1)*4 > len(s.slots)*3 {
		old := s.slots
		s.slots = make([]uint64, max(2*len(old), 1024))
		s.n = 0
		for _, v := range old {
			if v != 0 {
				s.insert(v)
			}
		}
	}
	s.insert(max(h, 1))
}

func (s *hashSet) insert(h uint64) {
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return
		case 0:
			s.slots[i] = h
			s.n++
			return
		}
	}
}

// latinFold spells the letters of Latin-1 and Latin Extended-A
// (U+00C0 to U+017F) in lower-case ASCII, or "" for a sign to drop.
var latinFold = [...]string{
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
	"i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y",
	"th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u",
	"u", "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c", "c", "c",
	"c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e",
	"e", "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h",
	"i", "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k",
	"k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n", "n", "n",
	"n", "n", "n", "n", "", "", "o", "o", "o", "o", "o", "o", "oe", "oe", "r",
	"r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t",
	"t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
}
