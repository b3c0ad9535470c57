package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/decline-cli/decline/internal/names"
	"github.com/decline-cli/decline/internal/safetext"
)

// Locale is everything a language needs besides its templates: the kinds,
// relationships and tones offered, with their labels; the defaults; the
// question and sample text for each extra value; sign-offs and subjects
// used when nothing else gives one; the title words skipped when guessing
// a first name; and the lint checks that only make sense in the language.
// The default locales are read from LANG/locale.yaml and compiled into Go
// with the templates; a user's LANG/locale.yaml adds to them.
type Locale struct {
	Lang string
	// Name is the language's name in itself ("Deutsch"), for completion.
	Name string
	// File is where the locale was read, for messages.
	File string

	Kinds, Relationships, Tones []Choice
	DefaultKind, DefaultTone    string

	// Subjects holds the subject, by kind, of a reply whose template has
	// none; DefaultSubject is for a template that names no kind.
	Subjects       map[string]string
	DefaultSubject string
	// Signoffs holds the sign-off, by tone, used when neither a flag nor
	// the configuration gives one.
	Signoffs map[string]string

	// Questions and Samples hold, by value name, the question asked for
	// an extra value ("{first}" is the requester's first name) and the
	// sample text lint and show fill it with. OtherQuestion asks for a
	// value that has no question ("{value}" is its name).
	Questions     map[string]string
	Samples       map[string]string
	OtherQuestion string

	// Detect lists words (lowercase) frequent in the language and rare
	// in others, which tell the language of a request a reply answers.
	Detect []string
	// FormalFullName says that a formal greeting without a title calls
	// the requester by full name ("Guten Tag Jana Müller,"), not by
	// first name.
	FormalFullName bool

	// Informal lists words (lowercase) a formal reply never uses: the
	// familiar address of the language ("du", "tu", "tú").
	Informal []string
	// Contractions is a regular expression matching what a formal reply
	// avoids; empty for no such check.
	Contractions string
	// Greeting asks lint to check that a reply's first line names the
	// requester.
	Greeting bool
	// Openings asks lint to check that the language's wordings do not
	// mostly open the same way ("Thanks for ...").
	Openings bool
	// StopWords are words of five letters or more that a reply may say
	// three times ("would", "there"), lowercase; Determiners may stand
	// before a role ("the", "your"); PeopleValues name a third party (to
	// be named in full once) and RoleValues a job (which takes an
	// article). Lint's checks of what a reader hears use them.
	StopWords, Determiners   []string
	PeopleValues, RoleValues []string
	// WordEndings are the endings (lowercase) that make words of one
	// family: lint counts "endorse", "endorsing" and "endorsement" as one
	// word said three times. Empty compares whole words only.
	WordEndings []string

	// Names are the words the language's names follow: the titles
	// skipped before a first name, surname particles, and how a value
	// takes an article.
	Names names.Rules
	// Synonyms are other ways to write the choices (locale_synonyms.go).
	Synonyms Synonyms
	// Requests are the rules by which decline reply reads a request in
	// the language (what it asks for, the values it names, network
	// notifications), as the YAML text of the requests section, which
	// inbound.LoadRules decodes. Only the built-in locales have them.
	Requests string
}

// Question is the question asked for an extra value of a template, with
// first as the requester's first name.
func (l *Locale) Question(value, first string) string {
	if q, ok := l.Questions[value]; ok {
		return strings.ReplaceAll(q, "{first}", first)
	}
	return strings.ReplaceAll(l.OtherQuestion, "{value}", value)
}

// Sample is the sample text for an extra value: the locale's own for the
// values it knows, else the value's name in words.
func (l *Locale) Sample(value string) string {
	if s, ok := l.Samples[value]; ok {
		return s
	}
	return strings.ReplaceAll(value, "_", " ")
}

// Signoff is the sign-off for a tone when nothing else gives one: the
// tone's own, else the default tone's.
func (l *Locale) Signoff(tone string) string {
	if s, ok := l.Signoffs[tone]; ok {
		return s
	}
	return l.Signoffs[l.DefaultTone]
}

// Subject is the subject of a reply whose template has none.
func (l *Locale) Subject(kind string) string {
	if s, ok := l.Subjects[kind]; ok && kind != "" {
		return s
	}
	return l.DefaultSubject
}

// ContractionPattern is the compiled Contractions, or nil when the locale
// has none. Patterns are compiled on first use, once each.
func (l *Locale) ContractionPattern() *regexp.Regexp {
	if l.Contractions == "" {
		return nil
	}
	if re, ok := patterns.Load(l.Contractions); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(l.Contractions) // checked when the locale was read
	patterns.Store(l.Contractions, re)
	return re
}

var patterns sync.Map // pattern -> *regexp.Regexp

// InformalPattern matches any of the Informal words as a whole word, in
// any case, with the word in its first group; nil when there are none.
func (l *Locale) InformalPattern() *regexp.Regexp {
	if len(l.Informal) == 0 {
		return nil
	}
	quoted := make([]string, len(l.Informal))
	for i, w := range l.Informal {
		quoted[i] = regexp.QuoteMeta(w)
	}
	src := `(?i)(?:^|[^\p{L}\p{M}])(` + strings.Join(quoted, "|") + `)(?:$|[^\p{L}\p{M}])`
	if re, ok := patterns.Load(src); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(src)
	patterns.Store(src, re)
	return re
}

// check reports what a locale lacks to be used: the choices and the
// defaults among them.
func (l *Locale) check() ErrorList {
	var errs ErrorList
	add := func(format string, args ...any) {
		errs = append(errs, &Error{File: l.File, Msg: fmt.Sprintf(format, args...)})
	}
	for _, f := range []struct {
		what    string
		choices []Choice
	}{{"kinds", l.Kinds}, {"relationships", l.Relationships}, {"tones", l.Tones}} {
		if len(f.choices) == 0 {
			add("locale of %s lists no %s (add a '%s' list)", l.Lang, f.what, f.what)
		}
	}
	if _, ok := l.Kind(l.DefaultKind); !ok && len(l.Kinds) > 0 {
		add("locale of %s: default-kind %s is not one of its kinds (%s)", l.Lang, safetext.Quote(l.DefaultKind), quoteList(IDs(l.Kinds)))
	}
	if _, ok := l.Tone(l.DefaultTone); !ok && len(l.Tones) > 0 {
		add("locale of %s: default-tone %s is not one of its tones (%s)", l.Lang, safetext.Quote(l.DefaultTone), quoteList(IDs(l.Tones)))
	}
	return errs
}

// Kind, Relationship and Tone return the choice with the given id.
func (l *Locale) Kind(id string) (Choice, bool)         { return Lookup(l.Kinds, id) }
func (l *Locale) Relationship(id string) (Choice, bool) { return Lookup(l.Relationships, id) }
func (l *Locale) Tone(id string) (Choice, bool)         { return Lookup(l.Tones, id) }

// merge adds over's definitions to l: a choice with a known id gets the
// new label, a new one is added at the end; set values replace.
func (l *Locale) merge(over *Locale) *Locale {
	out := *l
	out.File = over.File
	out.Kinds = mergeChoices(l.Kinds, over.Kinds)
	out.Relationships = mergeChoices(l.Relationships, over.Relationships)
	out.Tones = mergeChoices(l.Tones, over.Tones)
	for _, s := range []struct {
		dst *string
		v   string
	}{{&out.Name, over.Name}, {&out.DefaultKind, over.DefaultKind}, {&out.DefaultTone, over.DefaultTone}, {&out.DefaultSubject, over.DefaultSubject},
		{&out.OtherQuestion, over.OtherQuestion}, {&out.Contractions, over.Contractions}} {
		if s.v != "" {
			*s.dst = s.v
		}
	}
	out.Subjects = mergeMap(l.Subjects, over.Subjects)
	out.Signoffs = mergeMap(l.Signoffs, over.Signoffs)
	out.Questions = mergeMap(l.Questions, over.Questions)
	out.Samples = mergeMap(l.Samples, over.Samples)
	out.Greeting = l.Greeting || over.Greeting
	out.Openings = l.Openings || over.Openings
	out.FormalFullName = l.FormalFullName || over.FormalFullName
	out.Detect = slices.Concat(l.Detect, over.Detect)
	out.Informal = slices.Concat(l.Informal, over.Informal)
	out.StopWords = slices.Concat(l.StopWords, over.StopWords)
	out.WordEndings = slices.Concat(l.WordEndings, over.WordEndings)
	out.Determiners = slices.Concat(l.Determiners, over.Determiners)
	out.PeopleValues = slices.Concat(l.PeopleValues, over.PeopleValues)
	out.RoleValues = slices.Concat(l.RoleValues, over.RoleValues)
	out.Names = mergeNames(l.Names, over.Names)
	out.Synonyms = l.Synonyms.merge(over.Synonyms)
	return &out
}

// mergeChoices relabels base's choices that over names and adds the
// others at the end, in time linear in both: a user's locale may list
// tens of thousands.
func mergeChoices(base, over []Choice) []Choice {
	if len(over) == 0 {
		return base
	}
	out := slices.Clone(base)
	at := make(map[string]int, len(base)+len(over))
	for i, c := range out {
		at[c.ID] = i
	}
	for _, c := range over {
		if i, ok := at[c.ID]; ok {
			out[i] = c
		} else {
			at[c.ID] = len(out)
			out = append(out, c)
		}
	}
	return out
}

func mergeMap(base, over map[string]string) map[string]string {
	if len(over) == 0 {
		return base
	}
	out := make(map[string]string, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}
