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
// atext, no longer than MaxAddress.
func plainAddress(s string) bool {
	if len(s) == 0 || len(s) > MaxAddress {
		return false
	}
	at := -1
	prev := byte('.') // no leading dot
	for i := 0; i < len(s); i++ {
		c := s[i]
		if atext[c] {
			prev = c
			continue
		}
		switch {
		case c == '@':
			if at >= 0 || prev == '.' {
				return false
			}
			at = i
			prev = '.' // no dot right after '@'
			continue
		case c == '.':
			if prev == '.' {
				return false
			}
		default:
			return false
		}
		prev = c
	}
	return at > 0 && prev != '.'
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
