// Package langs chooses the language a reply is written in: from a tag a
// person gave ("de", "de-AT", "de_DE.UTF-8"), from the locale settings of
// the environment, or from the words of the request being answered.
//
// Matching uses golang.org/x/text/language, whose tables cost about a
// tenth of a millisecond at start-up; the common cases (a tag whose
// language is one the catalog has, or English) are answered by a plain
// comparison before the matcher is built, so most runs never build it.
package langs

import (
	"strings"

	"golang.org/x/text/language"
)

// Default is the language used when nothing else matches.
const Default = "en"

// Clean turns a locale setting into a language tag: "de_DE.UTF-8" and
// "de_DE@euro" are "de-DE"; "C", "POSIX" and "" are "" (no language).
func Clean(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if s == "C" || s == "POSIX" {
		return ""
	}
	return strings.ReplaceAll(s, "_", "-")
}

// Match finds which of have (the catalog's languages, lowercase tags
// such as "en" or "pt-br") is meant by want, a tag or a locale setting.
// ok is false when none is: want is empty, not a tag, or a language the
// catalog does not have.
func Match(have []string, want string) (lang string, ok bool) {
	want = Clean(want)
	if want == "" {
		return "", false
	}
	lower := strings.ToLower(want)
	if tag, named := byName[lower]; named {
		// A language's name, as a spreadsheet cell may say it.
		for _, h := range have {
			if h == tag {
				return h, true
			}
		}
		return "", false
	}
	// The cheap cases: the tag itself, or its language alone ("de-AT" is
	// "de" when the catalog has no "de-at").
	for _, h := range have {
		if h == lower {
			return h, true
		}
	}
	base, _, _ := strings.Cut(lower, "-")
	baseKnown := false
	for _, h := range have {
		if h == base {
			baseKnown = true
		}
	}
	if baseKnown && !hasRegional(have, base) {
		return base, true
	}
	return matchTag(have, want)
}

// hasRegional reports whether have holds a regional form of base
// ("pt-br" for "pt"), when only the matcher can choose.
func hasRegional(have []string, base string) bool {
	for _, h := range have {
		if strings.HasPrefix(h, base+"-") {
			return true
		}
	}
	return false
}

// matchTag asks x/text/language's matcher, which knows that "nb" is
// close to "no" and "zh-TW" to "zh-Hant"; it is built only here.
func matchTag(have []string, want string) (string, bool) {
	tag, err := language.Parse(want)
	if err != nil {
		return "", false
	}
	tags := make([]language.Tag, 0, len(have))
	var names []string
	for _, h := range have {
		t, err := language.Parse(h)
		if err != nil {
			continue
		}
		tags = append(tags, t)
		names = append(names, h)
	}
	if len(tags) == 0 {
		return "", false
	}
	_, i, conf := language.NewMatcher(tags).Match(tag)
	if conf < language.High {
		return "", false
	}
	return names[i], true
}

// FromEnv is the language of the environment's locale settings, as
// POSIX reads them for messages: LC_ALL, else LC_MESSAGES, else LANG,
// the first one set deciding. ok is false when it names no language the
// catalog has.
func FromEnv(getenv func(string) string, have []string) (string, bool) {
	if s := EnvSetting(getenv); s != "" {
		return Match(have, s)
	}
	return "", false
}

// EnvSetting is the locale setting that decides the language of
// messages: LC_ALL, else LC_MESSAGES, else LANG, the first one set.
func EnvSetting(env func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := env(v); s != "" {
			return s
		}
	}
	return ""
}

// byName are the languages' names in English and in themselves, lower
// case, as people write them in a "Language" column or after --lang
// ("German", "Deutsch", "français"), with the tag each names.
var byName = map[string]string{
	"english": "en",
	"german":  "de", "deutsch": "de",
	"french": "fr", "français": "fr", "francais": "fr",
	"spanish": "es", "español": "es", "espanol": "es", "castellano": "es",
	"italian": "it", "italiano": "it",
	"portuguese": "pt", "português": "pt", "portugues": "pt",
	"dutch": "nl", "nederlands": "nl",
}

// Names are the names Match takes for a language of have, for a
// suggestion: "deutsch" and "german" for de.
func Names(have []string) []string {
	var out []string
	for name, tag := range byName {
		for _, h := range have {
			if h == tag {
				out = append(out, name)
			}
		}
	}
	return out
}

// NameOf is the tag a language's name (see Names) stands for.
func NameOf(name string) string { return byName[strings.ToLower(name)] }
