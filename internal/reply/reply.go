// Package reply chooses a reply: from what a person gave (flags, a
// spreadsheet row), the configuration and the defaults, it picks the
// template and builds the request to render. draft and batch both call
// it, so that the rules (which layer wins, what --template excludes,
// what is required, what the requester is called, the default sign-off,
// the policy for outside text) are written once.
//
// It knows nothing of commands or flags: it reports typed errors (which
// field, what is missing) that the command line words as flags and a
// batch as columns.
package reply

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/langs"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/suggest"
)

// Given is what a person chose for this run, before layering: empty
// strings were not given.
type Given struct {
	Kind, Relationship, Tone string
	Template                 string
	Sender, Signoff          string
	Address                  string // the user's own email address, for From:
	Values                   map[string]string
	// Lang is the language asked for replies (a tag such as "de-AT" or a
	// locale setting such as "de_DE.UTF-8"); EnvLang is the locale
	// setting of the environment (LC_ALL, LC_MESSAGES or LANG), used
	// when neither Lang nor the configuration names one.
	Lang, EnvLang string
	// SenderSet and SignoffSet say that Sender and Signoff were given
	// even when empty: an empty one clears the configuration's, back to
	// no name and the tone's own sign-off.
	SenderSet, SignoffSet bool
}

// Defaults are the choices of a run after layering: what was given,
// else the configuration's, else the built-in default. A batch row's own
// cells win over them.
type Defaults struct {
	Kind, Tone   string // never empty
	Relationship string
	Template     string
	Sender       string
	Signoff      string // empty: the default of the template's tone
	Address      string // the user's email address for From:, or empty
	SignBrief    string // how brief notes are signed (compose.SignFirst, SignFull)
	Values       map[string]string
	// Lang is the language of replies, one the catalog has: set by
	// SetLang, English until then.
	Lang string

	given                                          Given
	configPath, configKind, configTone, langConfig string
}

// Layer checks what was given and layers it over the configuration and
// the defaults. The configuration was checked when it was read, except
// for the values only the catalog knows.
func Layer(cfg *config.Config, g Given) (*Defaults, error) {
	// A flag is read as a cell is: "Skill endorsement" is endorsement.
	// A kind or tone the built-in locale lacks may be one the user's
	// locale.yaml adds: Named checks it against the catalog's locale.
	vals := EnglishValues()
	if k, err := vals.Resolve(WhatKind, g.Kind); err == nil {
		g.Kind = k
	}
	if t, err := vals.Resolve(WhatTone, g.Tone); err == nil {
		g.Tone = t
	}
	kind := FirstNonEmpty(g.Kind, cfg.Kind, DefaultKind())
	tone := FirstNonEmpty(g.Tone, cfg.Tone, DefaultTone())
	if err := CheckText(FieldSender, "", g.Sender); err != nil {
		return nil, err
	}
	if err := CheckText(FieldSignoff, "", g.Signoff); err != nil {
		return nil, err
	}
	if g.Address != "" {
		if err := CheckAddress(g.Address); err != nil {
			return nil, &TextError{Field: FieldAddress, Value: g.Address, Reason: err.Error()}
		}
	} else if cfg.Address != "" {
		if err := CheckAddress(cfg.Address); err != nil {
			return nil, fmt.Errorf("config file %s: address %s %v", cfg.Path, safetext.Quote(cfg.Address), err)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(g.Values)) {
		if err := CheckText(FieldValue, k, g.Values[k]); err != nil {
			return nil, err
		}
	}
	values := g.Values
	if values == nil {
		values = map[string]string{}
	}
	return &Defaults{
		Kind:         kind,
		Tone:         tone,
		Relationship: g.Relationship,
		Template:     g.Template,
		Sender:       givenOr(g.Sender, g.SenderSet, cfg.Sender),
		Signoff:      givenOr(g.Signoff, g.SignoffSet, cfg.Signoff),
		Address:      FirstNonEmpty(g.Address, cfg.Address),
		SignBrief:    cfg.SignBrief,
		Values:       values,
		Lang:         Lang,
		given:        g,
		configPath:   cfg.Path,
		configKind:   cfg.Kind,
		configTone:   cfg.Tone,
		langConfig:   cfg.Lang,
	}, nil
}

// checkChoices checks the run's kind and tone against the catalog's
// locale, which holds the built-in ones and those the user's locale.yaml
// adds.
func (d *Defaults) checkChoices(cat *catalog.Catalog) error {
	loc, vals := cat.Locale(Lang), NewValuesOf(cat)
	var err error
	for _, c := range []struct {
		what, given, configured string
		choices                 []catalog.Choice
		into                    *string
	}{
		{WhatKind, d.given.Kind, d.configKind, loc.Kinds, &d.Kind},
		{WhatTone, d.given.Tone, d.configTone, loc.Tones, &d.Tone},
	} {
		switch {
		case c.given != "":
			// Read as a cell is, in the catalog's words.
			if *c.into, err = vals.Resolve(c.what, c.given); err != nil {
				return err
			}
		case c.configured != "":
			if _, err := Setting(c.what, "", c.configured, d.configPath, "", catalog.IDs(c.choices)); err != nil {
				return err
			}
		}
	}
	return nil
}

// SetLang chooses the language of replies among the catalog's: the one
// given for this run, else the configuration's, else the environment's
// locale, else English. A language given or configured that the
// catalog does not have is a LangError; an environment's is not (a
// system set to Dutch still gets English replies).
func (d *Defaults) SetLang(cat *catalog.Catalog) error {
	have := cat.Languages()
	for _, s := range []struct{ v, config string }{{d.given.Lang, ""}, {d.langConfig, d.configPath}} {
		if strings.TrimSpace(s.v) == "" {
			continue
		}
		lang, ok := langs.Match(have, s.v)
		if !ok {
			return &LangError{Value: s.v, Have: have, Config: s.config}
		}
		d.Lang = lang
		return nil
	}
	d.Lang = Lang
	if lang, ok := langs.Match(have, d.given.EnvLang); ok {
		d.Lang = lang
	}
	return nil
}

// LangGiven reports whether the language was chosen for this run
// rather than taken from the configuration or the environment: a reply
// to a request then uses it even when the request is in another.
func (d *Defaults) LangGiven() bool { return strings.TrimSpace(d.given.Lang) != "" }

// DetectWords are the frequent words of each of the catalog's languages
// (Locale.Detect), by language, for langs.Detect.
func DetectWords(cat *catalog.Catalog) map[string][]string {
	out := map[string][]string{}
	for _, l := range cat.Languages() {
		if w := cat.Locale(l).Detect; len(w) > 0 {
			out[l] = w
		}
	}
	return out
}

// LangError reports a language the catalog has no replies in.
type LangError struct {
	Value  string
	Have   []string
	Config string // the configuration file that named it, if any
}

func (e *LangError) Error() string {
	msg := fmt.Sprintf("no replies in language %s (languages: %s)", safetext.Quote(e.Value), strings.Join(e.Have, ", "))
	if s := e.suggest(); s != "" {
		msg = fmt.Sprintf("no replies in language %s: did you mean %s? (languages: %s)", safetext.Quote(e.Value), s, strings.Join(e.Have, ", "))
	}
	if e.Config != "" {
		return fmt.Sprintf("config file %s: lang: %s", e.Config, msg)
	}
	return msg
}

// suggest is the language of Have whose name ("deutsch", "german")
// the value is a typo of, or "".
func (e *LangError) suggest() string {
	names := langs.Names(e.Have)
	entries := make([][]string, 0, len(e.Have))
	for _, h := range e.Have {
		entry := []string{h}
		for _, n := range names {
			if langs.NameOf(n) == h {
				entry = append(entry, n)
			}
		}
		entries = append(entries, entry)
	}
	// A tag is too short to tell a typo from another language ("nl"
	// is two edits from "de"): only a name is.
	if safetext.Check(e.Value, false) != nil || len([]rune(strings.TrimSpace(e.Value))) < 4 {
		return ""
	}
	return suggest.Closest(strings.ToLower(strings.TrimSpace(e.Value)), entries)
}

// givenOr is what was given, even empty when set says it was, else the
// configured value.
func givenOr(given string, set bool, configured string) string {
	if set {
		return strings.TrimSpace(given)
	}
	return FirstNonEmpty(given, configured)
}

// CheckAddress checks the user's own address, as the configuration or
// a flag gives it ("Pat Morgan <pat@example.com>" or "pat@example.com"):
// one address that meets the header policy, its name (if any) written
// as plain text. An encoded word ("=?utf-8?...?=") is refused: replies
// encode the name themselves, and a name that still holds one could
// decode to something else in the recipient's mail program.
func CheckAddress(s string) error {
	a, err := deliver.ParseAddress(s)
	if err != nil {
		return err
	}
	if strings.Contains(s, "=?") {
		return errors.New("holds an encoded word (=?...?=): write the name as plain text, such as Pat Morgan <pat@example.com>")
	}
	if a.Name != "" && !safetext.HasLetter(a.Name) {
		return errors.New("has a display name without letters: write your name, or the address alone")
	}
	return nil
}

// Setting chooses a value given for this run, else the configuration's,
// else the default, each checked against valid. A bad configured value
// names its file (configPath).
func Setting(what, given, configured, configPath, def string, valid []string) (string, error) {
	switch {
	case given != "" && !slices.Contains(valid, given):
		return "", &ChoiceError{What: what, Value: given, Valid: valid}
	case given == "" && configured != "" && !slices.Contains(valid, configured):
		return "", &ChoiceError{What: what, Value: configured, Valid: valid, Config: configPath}
	}
	return FirstNonEmpty(given, configured, def), nil
}

// Named returns the template a run names, if any. For one reply, a
// named template decides the kind, relationship and tone, and giving any
// of them too is a ClashError; a batch applies it only to rows that
// choose nothing, so there they may be given together (exclusive false).
//
// It is the first use of the catalog, so it also checks the run's kind
// and tone against the catalog's locale.
func (d *Defaults) Named(cat *catalog.Catalog, exclusive bool) (*catalog.Template, error) {
	if err := d.checkChoices(cat); err != nil {
		return nil, err
	}
	if d.Template == "" {
		return nil, nil
	}
	t, ok := cat.GetIn(d.Lang, d.Template)
	if !ok {
		return nil, UnknownTemplate(cat, d.Template)
	}
	if !exclusive {
		return t, nil
	}
	var clash []Field
	for _, c := range []struct {
		f     Field
		value string
	}{{FieldKind, d.given.Kind}, {FieldRelationship, d.given.Relationship}, {FieldTone, d.given.Tone}} {
		if c.value != "" {
			clash = append(clash, c.f)
		}
	}
	if len(clash) > 0 {
		return nil, &ClashError{Template: d.Template, Fields: clash}
	}
	return t, nil
}

// KindGiven reports whether the kind was chosen for this run rather than
// taken from the configuration or the default.
func (d *Defaults) KindGiven() bool { return d.given.Kind != "" }

// CheckRelationship checks a given relationship: it must exist, and
// unless the kind is still to be chosen (kindOpen), have replies of the
// run's kind.
func (d *Defaults) CheckRelationship(cat *catalog.Catalog, kindOpen bool) error {
	if d.Relationship == "" {
		return nil
	}
	rel, err := NewValuesOf(cat).Resolve(WhatRelationship, d.Relationship)
	if err != nil {
		return err
	}
	d.Relationship, d.given.Relationship = rel, rel
	if kindOpen {
		return catalog.CheckChoice("relationship", d.Relationship, Relationships())
	}
	return cat.CheckRelationship(d.Lang, d.Kind, d.Relationship)
}

// Missing reports what one reply lacks before its template can be
// chosen: a name, and a relationship unless a template was named.
func (d *Defaults) Missing(cat *catalog.Catalog, name string, t *catalog.Template) error {
	var missing []Field
	if strings.TrimSpace(name) == "" {
		missing = append(missing, FieldName)
	}
	if t == nil && d.Relationship == "" {
		missing = append(missing, FieldRelationship)
	}
	if len(missing) == 0 {
		return nil
	}
	return &MissingError{Fields: missing, Kind: d.Kind, Relationships: cat.RelationshipsFor(d.Lang, d.Kind)}
}

// One is one reply's choices once every question is answered.
type One struct {
	Name, FirstName string
	Kind            string // "" for the run's
	Relationship    string // "" for the run's
	Values          map[string]string
	Variant         int
	Note            string // the user's personal line, if any
	Lang            string // "" for the run's
}

// Choose returns one reply's template: t when a template was named, else
// the one for its kind, relationship and the run's tone.
func (d *Defaults) Choose(cat *catalog.Catalog, t *catalog.Template, o *One) (*catalog.Template, error) {
	if t != nil {
		return t, nil
	}
	return cat.Choose(catalog.Key{Lang: FirstNonEmpty(o.Lang, d.Lang), Kind: FirstNonEmpty(o.Kind, d.Kind), Relationship: FirstNonEmpty(o.Relationship, d.Relationship), Tone: d.Tone})
}

// Request builds one reply's request for its template, a template of
// cat, refusing values the template does not take.
func (d *Defaults) Request(cat *catalog.Catalog, t *catalog.Template, o *One) (*compose.Request, error) {
	if err := CheckValues(t, o.Values); err != nil {
		return nil, err
	}
	return &compose.Request{
		Name:      o.Name,
		FirstName: o.FirstName,
		Sender:    d.Sender,
		Signoff:   Signoff(cat.Locale(t.Lang), d.Signoff, t),
		SignBrief: d.SignBrief,
		Note:      o.Note,
		Values:    o.Values,
		Variant:   o.Variant,
		Locale:    cat.Locale(t.Lang),
	}, nil
}

// Rechoose is the template and request for o in another relationship
// and tone, of the same kind: what a review of the draft may change. The
// wording is chosen again from the name. The request has those of o's
// values the new template takes, in a map of its own: a value only
// another template takes (a user's template may have its own) is kept in
// o for a later change, not refused.
func (d *Defaults) Rechoose(cat *catalog.Catalog, kind string, o *One, relationship, tone string) (*catalog.Template, *compose.Request, error) {
	d.Tone, o.Kind, o.Relationship, o.Variant = tone, kind, relationship, 0
	t, err := d.Choose(cat, nil, o)
	if err != nil {
		return nil, nil, err
	}
	taken := *o
	taken.Values = map[string]string{}
	for k, v := range o.Values {
		if slices.Contains(t.Requires, k) || slices.Contains(t.Optional, k) {
			taken.Values[k] = v
		}
	}
	req, err := d.Request(cat, t, &taken)
	return t, req, err
}

// CheckValues refuses values a template does not take.
func CheckValues(t *catalog.Template, values map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(t.Requires, k) && !slices.Contains(t.Optional, k) {
			takes := append(append([]string(nil), t.Requires...), t.Optional...)
			return &UnusedValueError{Template: t.ID, Key: k, Takes: takes}
		}
	}
	return nil
}

// UnknownTemplate is the error for a template id the catalog lacks, with
// the ids that contain it as suggestions.
func UnknownTemplate(cat *catalog.Catalog, id string) error {
	var like []string
	for _, t := range cat.All() {
		// All is sorted by id, so an id that several languages have
		// comes in a row, and is named once.
		if id != "" && strings.Contains(t.ID, id) && (len(like) == 0 || like[len(like)-1] != t.ID) {
			like = append(like, t.ID)
		}
	}
	return &UnknownTemplateError{ID: id, Like: like}
}
