package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/langs"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

// replyFlags choose and fill a reply; draft and batch share them.
type replyFlags struct {
	relationship, kind, tone string
	templateID               string
	sets                     []string
	from, signoff            string
	address                  string
	lang                     string
	fromSet, signoffSet      bool // given, even empty
}

func (r *replyFlags) register(fl *pflag.FlagSet) {
	fl.StringVarP(&r.relationship, "relationship", "r", "", "how you know them: "+strings.Join(catalog.IDs(reply.Relationships()), ", "))
	fl.StringVarP(&r.kind, "kind", "k", "", "what they asked for: "+strings.Join(catalog.IDs(reply.Kinds()), ", ")+" (default recommendation)")
	fl.StringVarP(&r.tone, "tone", "t", "", "warm, formal or brief (default warm)")
	fl.StringVar(&r.templateID, "template", "", "use the template with this `ID` (see 'decline templates list')")
	fl.StringArrayVar(&r.sets, "set", nil, "give a template value as `key=value` (repeatable), e.g. --set skill=Go")
	fl.Var(&setString{&r.from, &r.fromSet}, "from", "your name for the sign-off (default: sender in config.yaml; --from \"\" signs with none)")
	fl.Var(&setString{&r.signoff, &r.signoffSet}, "signoff", "the sign-off line, such as \"Best wishes\" (--signoff \"\" takes the tone's own)")
	fl.StringVar(&r.lang, "lang", "", "the `LANGUAGE` of the reply, such as de, fr or de-AT (default: lang in config.yaml, else LC_ALL, LC_MESSAGES or LANG, else en)")
	fl.StringVar(&r.address, "from-address", "", "your email `ADDRESS` for the From: header of eml and mbox output (default: address in config.yaml)")
}

// layer parses the flags and layers them over the configuration and the
// environment's locale (env).
func (r *replyFlags) layer(cfg *config.Config, env config.Env) (*reply.Defaults, error) {
	values, err := parseSets(r.sets)
	if err != nil {
		return nil, err
	}
	d, err := reply.Layer(cfg, reply.Given{
		Kind: r.kind, Relationship: r.relationship, Tone: r.tone, Template: r.templateID,
		Sender: r.from, Signoff: r.signoff, Address: r.address, Values: values,
		Lang: r.lang, EnvLang: envLang(env),
		SenderSet: r.fromSet, SignoffSet: r.signoffSet,
	})
	if err != nil {
		return nil, flagError(err)
	}
	return d, nil
}

func parseSets(sets []string) (map[string]string, error) {
	values := make(map[string]string, len(sets))
	for _, kv := range sets {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, usageErrorf("--set takes key=value, got %s", safetext.Quote(kv))
		}
		values[k] = v
	}
	return values, nil
}

// registerPersonFlags registers the flags of one reply's person, which
// draft and reply share; nameHelp says where the name comes from.
func registerPersonFlags(fl *pflag.FlagSet, name, firstName, note *string, nameHelp string) {
	fl.VarP(&onceString{p: name, flag: "--name"}, "name", "n", "the requester's full `NAME`"+nameHelp)
	fl.StringVar(firstName, "first-name", "", "what to call them in the greeting (default: the first name read from the name)")
	fl.StringVar(note, "note", "", "a personal `SENTENCE` of your own, placed before the sign-off")
}

// onceString is a string flag that may be given once: a second -n
// would otherwise replace the first without a word.
type onceString struct {
	p    *string
	flag string
	set  bool
}

func (o *onceString) String() string {
	if o.p == nil {
		return ""
	}
	return *o.p
}

func (o *onceString) Set(s string) error {
	if o.set {
		return &cmdutil.WordedError{Msg: fmt.Sprintf("%s is given twice (%s and %s): give it once, with quotes around a name that has spaces", o.flag, safetext.Quote(*o.p), safetext.Quote(s))}
	}
	*o.p, o.set = s, true
	return nil
}

func (o *onceString) Type() string { return "string" }

// setString is a string flag that records being given, so that an
// empty --from can clear the configuration's sender.
type setString struct {
	p   *string
	set *bool
}

func (s *setString) String() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

func (s *setString) Set(v string) error {
	*s.p, *s.set = v, true
	return nil
}

func (s *setString) Type() string { return "string" }

// registerCopyFlag registers --copy, whose bare form takes the
// configured mode.
func registerCopyFlag(fl *pflag.FlagSet, c *copyFlag) {
	fl.VarP(c, "copy", "c", "copy the reply to the clipboard instead of printing it (default mode: clipboard in config.yaml, else auto)")
	fl.Lookup("copy").NoOptDefVal = copyConfigured
}

// registerAskFlags registers the flags that say whether and how to ask.
func registerAskFlags(fl *pflag.FlagSet, noInput, accessible *bool) {
	fl.BoolVar(noInput, "no-input", false, "never ask questions; fail if something is missing")
	fl.BoolVar(accessible, "accessible", false, "ask questions as plain numbered lines (also DECLINE_ACCESSIBLE=1)")
}

// registerRunFlags registers the flags of a run over many inputs (rows
// or messages: what).
func registerRunFlags(fl *pflag.FlagSet, force, keepGoing, dryRun *bool, what string) {
	fl.BoolVar(force, "force", false, "with --out-dir, replace files that already exist")
	fl.BoolVar(keepGoing, "keep-going", false, "write the good "+what+" even if some "+what+" are bad (the exit status is still 1)")
	fl.BoolVar(dryRun, "dry-run", false, "check every "+strings.TrimSuffix(what, "s")+" and print a summary; write nothing")
}

// checkNames applies the text policy to a --name and --first-name.
func checkNames(name, firstName string) error {
	for _, v := range []struct {
		f     reply.Field
		value string
	}{{reply.FieldName, name}, {reply.FieldFirstName, firstName}} {
		if err := reply.CheckText(v.f, "", v.value); err != nil {
			return flagError(err)
		}
	}
	return nil
}

// envLang is the locale setting that decides the language of messages:
// LC_ALL, else LC_MESSAGES, else LANG, the first one set.
func envLang(env config.Env) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := env(v); s != "" {
			return s
		}
	}
	return ""
}

// setLang chooses the language of replies once the catalog is loaded.
func setLang(d *reply.Defaults, cat *catalog.Catalog) error {
	if err := d.SetLang(cat); err != nil {
		var le *reply.LangError
		if errors.As(err, &le) && le.Config == "" {
			return usageErrorf("--lang: %w", err)
		}
		return err
	}
	return nil
}

// langFlag is the catalog's language that --lang names.
func langFlag(cat *catalog.Catalog, v string) (string, error) {
	lang, ok := langs.Match(cat.Languages(), v)
	if !ok {
		return "", usageErrorf("--lang: %w", &reply.LangError{Value: v, Have: cat.Languages()})
	}
	return lang, nil
}
