package deliver

// CheckAddress reports whether s is one usable email address, exactly as
// ParseAddress decides, but without parsing the common case: a plain
// dot-atom address such as scott.lee@example.com, which net/mail always
// accepts, is checked in one pass. Anything else (display names, quoted
// local parts, comments, domain literals) goes through ParseAddress.
func CheckAddress(s string) error {
	if plainAddress(s) {
		return nil
	}
	_, err := ParseAddress(s)
	return err
}

// plainAddress reports whether s is dot-atom "@" dot-atom of RFC 5322
// atext, no longer than MaxAddress. Runs of atext, nearly all of an
// address, are passed over in a loop of their own.
func plainAddress(s string) bool {
	if len(s) == 0 || len(s) > MaxAddress {
		return false
	}
	at := -1
	for i := 0; ; i++ {
		start := i
		for i < len(s) && atext[s[i]] {
			i++
		}
		// Each separator ends a run that is not empty: no leading,
		// trailing or doubled dot, and none next to the '@'.
		if i == start {
			return false
		}
		if i == len(s) {
			return at > 0
		}
		switch s[i] {
		case '@':
			if at >= 0 {
				return false
			}
			at = i
		case '.':
		default:
			return false
		}
	}
}

// atext marks RFC 5322 atext: letters, digits and !#$%&'*+-/=?^_`{|}~.
var atext = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "!#$%&'*+-/=?^_`{|}~" {
		t[c] = true
	}
	return t
}()
