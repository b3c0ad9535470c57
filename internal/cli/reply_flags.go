package cli

import (
	"errors"
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
	fl.Var(&cmdutil.SetString{P: &r.from, Given: &r.fromSet}, "from", "your name for the sign-off (default: sender in config.yaml; --from \"\" signs with none)")
	fl.Var(&cmdutil.SetString{P: &r.signoff, Given: &r.signoffSet}, "signoff", "the sign-off line, such as \"Best wishes\" (--signoff \"\" takes the tone's own)")
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
		Lang: r.lang, EnvLang: langs.EnvSetting(env),
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

// registerRunFlags is batch's name for cmdutil.RegisterRunFlags.
var registerRunFlags = cmdutil.RegisterRunFlags

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
