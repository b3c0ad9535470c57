package names

import "strings"

// NotName says why text given as a person's name is something else a
// spreadsheet holds, or "" when it may be a name: an email address or a
// handle ("Scott.Lee@example.com"), a web address, a placeholder or error
// value of a cell ("#N/A", "null", "undefined", "#REF!"), a formula
// ("=HYPERLINK(...)", "+cmd|..."), or a hashtag ("#OpenToWork Scott
// Lee"). A greeting would say it to the person as their name. It does
// not allocate: a batch asks it of every row.
func NotName(name string) string {
	s := strings.TrimSpace(name)
	if s == "" {
		return ""
	}
	if strings.IndexByte(s, '@') >= 0 {
		return "is an email address or a handle, not a name"
	}
	switch s[0] {
	case '=', '+', '-':
		return "looks like a spreadsheet formula, not a name"
	}
	// A web address has a slash, or starts www.; most names have
	// neither, and are spared the search.
	if hasPrefixFold(s, "www.") || strings.IndexByte(s, '/') >= 0 && (strings.Contains(s, "://") || containsFold(s, "linkedin.com/")) {
		return "is a web address, not a name"
	}
	if t := strings.Trim(s, " ."); len(t) <= maxPlaceholder {
		for _, p := range placeholders {
			if strings.EqualFold(t, p) {
				return "is a spreadsheet's mark of an empty cell, not a name"
			}
		}
	}
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '#' || i > 0 && s[i-1] != ' ' {
			continue
		}
		end := strings.IndexByte(s[i:], ' ')
		if end < 0 {
			end = len(s) - i
		}
		if w := s[i : i+end]; strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, "/0") {
			return "is a spreadsheet's error value, not a name"
		}
		return "holds a hashtag, which is not part of a name"
	}
	return ""
}

// placeholders are what a cell holds for "nothing here" once exported.
// Not "na", "nan" or "nil": Na, Nan and Nil are people's names.
var placeholders = []string{"n/a", "#n/a", "n.a", "null", "none", "undefined", "(blank)", "(empty)"}

// maxPlaceholder is the longest of placeholders, in bytes.
const maxPlaceholder = len("undefined")

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
