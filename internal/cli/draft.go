package cli

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type draftOptions struct {
	*globalOptions
	replyFlags

	name, firstName     string
	variant             int
	to, subject, format string
	copy                copyFlag
	edit, noInput       bool
	accessible          bool
	variantSet          bool // --variant was given, even as 0
}

func newDraftCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &draftOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "draft",
		Short: "Draft one reply (asks on a terminal)",
		Long: `Draft one reply. On a terminal, decline asks for anything the flags did not
give: the requester's name, what they asked for, how you know them, and any
value the reply needs. The reply alone goes to standard output, so it can be
piped; questions and status go to standard error.

Without a terminal, or with --no-input, nothing is asked: --name and
--relationship are required.

How you know them (-r, --relationship):
` + choiceList(catalog.Relationships) + `

What they asked for (-k, --kind; default recommendation), and the value
the reply needs, if any:
  recommendation
  endorsement     --set skill=...
  reference       --set role=... (and optionally company=...)
  referral        --set role=... (and optionally company=...)
  introduction    --set contact=...
  testimonial     --set service=...

The tone (-t, --tone; default warm):
` + choiceList(catalog.Tones),
		Example: `  decline draft
  decline draft --name "Scott Lee" --relationship no-business
  decline draft -n Scott -r stranger -t brief --copy
  decline draft -n Priya -k endorsement -r social --set skill=Kubernetes
  decline draft -n Scott -r no-business | mail -s "Your request" scott@example.com
  decline draft -n "Scott Lee" -r no-business --to scott@example.com -f eml | msmtp -t
  xdg-open "$(decline draft -n Scott -r no-business --to scott@example.com -f mailto)"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.variantSet = cmd.Flags().Changed("variant")
			return runDraft(f, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.name, "name", "n", "", "the requester's full `NAME`")
	fl.StringVar(&o.firstName, "first-name", "", "what to call them in the greeting (default: the first word of --name)")
	o.replyFlags.register(fl)
	fl.IntVar(&o.variant, "variant", 0, "use wording `N` of the template (default: chosen from the name)")
	fl.StringVar(&o.to, "to", "", "the requester's email `ADDRESS` (for eml, mailto and json output)")
	fl.StringVar(&o.subject, "subject", "", "the email's subject (default: the template's)")
	fl.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(deliver.Formats, ", ")+" (default text)")
	fl.VarP(&o.copy, "copy", "c", "copy the reply to the clipboard instead of printing it (default mode: clipboard in config.yaml, else auto)")
	fl.Lookup("copy").NoOptDefVal = copyConfigured
	fl.BoolVar(&o.edit, "edit", false, "open the draft in $VISUAL or $EDITOR before it is used")
	fl.BoolVar(&o.noInput, "no-input", false, "never ask questions; fail if something is missing")
	fl.BoolVar(&o.accessible, "accessible", false, "ask questions as plain numbered lines (also DECLINE_ACCESSIBLE=1)")
	registerCompletions(cmd, f, g, deliver.Formats)
	return cmd
}

// choiceList lists choices one a line, each id beside its label, for help.
func choiceList(choices []catalog.Choice) string {
	var b strings.Builder
	for i, c := range choices {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "  %-14s  %s", c.ID, c.Label)
	}
	return b.String()
}

// replyFlags choose and fill a reply; draft and batch share them.
type replyFlags struct {
	relationship, kind, tone string
	templateID               string
	sets                     []string
	from, signoff            string
}

func (r *replyFlags) register(fl *pflag.FlagSet) {
	fl.StringVarP(&r.relationship, "relationship", "r", "", "how you know them: "+strings.Join(catalog.IDs(catalog.Relationships), ", "))
	fl.StringVarP(&r.kind, "kind", "k", "", "what they asked for: "+strings.Join(catalog.IDs(catalog.Kinds), ", ")+" (default recommendation)")
	fl.StringVarP(&r.tone, "tone", "t", "", "warm, formal or brief (default warm)")
	fl.StringVar(&r.templateID, "template", "", "use the template with this `ID` (see 'decline templates list')")
	fl.StringArrayVar(&r.sets, "set", nil, "give a template value as `key=value` (repeatable), e.g. --set skill=Go")
	fl.StringVar(&r.from, "from", "", "your name for the sign-off (default: sender in config.yaml)")
	fl.StringVar(&r.signoff, "signoff", "", "the sign-off line, such as \"Best wishes\"")
}

// settings are a reply's choices after flags, config and defaults.
type settings struct {
	kind, tone      string
	sender, signoff string
	values          map[string]string
}

// resolve combines the flags with the configuration, checking both.
func (r *replyFlags) resolve(cfg *config.Config) (*settings, error) {
	kind, err := resolveSetting(cfg, "kind", r.kind, cfg.Kind, catalog.DefaultKind, catalog.IDs(catalog.Kinds))
	if err != nil {
		return nil, err
	}
	tone, err := resolveSetting(cfg, "tone", r.tone, cfg.Tone, catalog.DefaultTone, catalog.IDs(catalog.Tones))
	if err != nil {
		return nil, err
	}
	if err := checkFlagText(flagValue{"--from", r.from}, flagValue{"--signoff", r.signoff}); err != nil {
		return nil, err
	}
	values, err := parseSets(r.sets)
	if err != nil {
		return nil, err
	}
	return &settings{
		kind:    kind,
		tone:    tone,
		sender:  firstNonEmpty(r.from, cfg.Sender),
		signoff: firstNonEmpty(r.signoff, cfg.Signoff),
		values:  values,
	}, nil
}

// resolveSetting chooses a flag's value, else the configuration's, else
// the default. A bad flag value is a usage error; a bad configuration
// value names the file.
func resolveSetting(cfg *config.Config, flag, value, cfgValue, def string, valid []string) (string, error) {
	switch {
	case value != "" && !slices.Contains(valid, value):
		return "", usageErrorf("unknown %s %s (choose one of: %s)", flag, safetext.Quote(value), strings.Join(valid, ", "))
	case value == "" && cfgValue != "" && !slices.Contains(valid, cfgValue):
		return "", fmt.Errorf("config file %s: unknown %s %s (choose one of: %s)", cfg.Path, flag, safetext.Quote(cfgValue), strings.Join(valid, ", "))
	}
	return firstNonEmpty(value, cfgValue, def), nil
}

func runDraft(f *Factory, o *draftOptions) error {
	cfg, err := f.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	s, err := o.replyFlags.resolve(cfg)
	if err != nil {
		return err
	}
	format, err := resolveSetting(cfg, "format", o.format, cfg.Format, "text", deliver.Formats)
	if err != nil {
		return err
	}
	clipboard, err := resolveSetting(cfg, "clipboard", "", cfg.Clipboard, deliver.ClipboardAuto, deliver.ClipboardModes)
	if err != nil {
		return err
	}
	copyMode, err := o.copy.mode(clipboard)
	if err != nil {
		return err
	}
	values := s.values
	// Checked before anything uses them: the name is part of the
	// questions asked on a terminal.
	if err := checkFlagText(flagValue{"--name", o.name}, flagValue{"--first-name", o.firstName}, flagValue{"--subject", o.subject}); err != nil {
		return err
	}
	if o.to != "" {
		if _, err := deliver.ParseAddress(o.to); err != nil {
			return usageErrorf("--to %s %v", safetext.Quote(o.to), err)
		}
	}
	if o.variant < 0 || o.variantSet && o.variant == 0 {
		return usageErrorf("--variant must be 1 or more, got %d", o.variant)
	}
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}

	var t *catalog.Template
	if o.templateID != "" {
		var ok bool
		if t, ok = cat.Get(o.templateID); !ok {
			return unknownTemplate(cat, o.templateID)
		}
		// The template chooses kind, relationship and tone; a flag that
		// says otherwise would be silently ignored.
		var clash []string
		for _, c := range []struct{ flag, value string }{{"--kind", o.kind}, {"--relationship", o.relationship}, {"--tone", o.tone}} {
			if c.value != "" {
				clash = append(clash, c.flag)
			}
		}
		if len(clash) > 0 {
			return usageErrorf("--template %s already chooses the kind, relationship and tone: drop %s", o.templateID, strings.Join(clash, " and "))
		}
	}
	// The kind is asked only with the name; then a --relationship only
	// has to exist, and the kinds offered are those that have it.
	kindAsked := f.IO.CanPrompt() && !o.noInput && t == nil && o.kind == "" && strings.TrimSpace(o.name) == ""
	if o.relationship != "" && t == nil {
		if kindAsked {
			if err := catalog.CheckChoice("relationship", o.relationship, catalog.Relationships); err != nil {
				return usageErrorf("%v", err)
			}
		} else if err := cat.CheckRelationship(s.kind, o.relationship); err != nil {
			return usageErrorf("%v", err)
		}
	}

	canPrompt := f.IO.CanPrompt() && !o.noInput
	if !canPrompt {
		if err := requireFlags(cat, o, t, s.kind); err != nil {
			return err
		}
	}

	name, relationship, kind := o.name, o.relationship, s.kind
	var p prompt.Prompter
	asked := false
	if canPrompt && (name == "" || (t == nil && relationship == "")) {
		p = f.NewPrompter(o.accessible || truthy(f.Env("DECLINE_ACCESSIBLE")))
		asked = true
		if name == "" {
			if name, err = p.Input("What is the requester's name?", "", validName); err != nil {
				return err
			}
		}
		if t == nil && o.kind == "" {
			if kind, err = askChoice(p, "What did "+compose.FirstName(name)+" ask you for?", kindChoices(cat, o.relationship), kind); err != nil {
				return err
			}
		}
		if t == nil && relationship == "" {
			rels := relationshipChoices(cat, kind)
			if relationship, err = askChoice(p, "How do you know "+compose.FirstName(name)+"?", rels, ""); err != nil {
				return err
			}
		}
	}
	if t == nil {
		if t, err = cat.Choose(kind, relationship, s.tone); err != nil {
			return usageErrorf("%v", err)
		}
	}
	for _, v := range t.Requires {
		if strings.TrimSpace(values[v]) != "" {
			continue
		}
		if !canPrompt {
			return usageErrorf("template %s needs a value for %s: give it with --set %s=VALUE", t.ID, v, v)
		}
		if p == nil {
			p = f.NewPrompter(o.accessible || truthy(f.Env("DECLINE_ACCESSIBLE")))
		}
		asked = true
		if values[v], err = p.Input(valueQuestion(v, compose.FirstName(name)), "", validValue); err != nil {
			return err
		}
	}

	if err := checkSetNames(t, values); err != nil {
		return err
	}
	req := &compose.Request{
		Name:      name,
		FirstName: o.firstName,
		Sender:    s.sender,
		Signoff:   firstNonEmpty(s.signoff, compose.DefaultSignoff(t.Tone)),
		Values:    values,
		Variant:   o.variant,
	}
	reply, err := compose.Render(t, req)
	if err != nil {
		return composeError(err)
	}
	if o.subject != "" {
		reply.Subject = o.subject
	}
	msg := &deliver.Message{Reply: reply, To: o.to}
	if format == "text" && (o.to != "" || o.subject != "") {
		fmt.Fprintln(f.IO.ErrOut, "decline: note: --to and --subject are used by --format json, eml and mailto; plain text has neither")
	}
	if note := briefNote(reply); note != "" {
		fmt.Fprintln(f.IO.ErrOut, "decline: note: "+note)
	}

	// With --copy or --edit the user said what to do with the draft:
	// the menu would ask again.
	if asked && f.IO.IsStdoutTTY() && !o.copy.set && !o.edit {
		return review(f, p, t, req, msg, format, clipboard, o.configPath)
	}
	if o.edit {
		if err := editReply(f, msg); err != nil {
			return err
		}
	}
	return emit(f, msg, format, copyMode)
}

// copyConfigured is --copy's value when it is given bare: copy the way
// config.yaml says, or auto. It doubles as the help text's list of modes
// (--copy[=auto|native|osc52]).
var copyConfigured = strings.Join(deliver.ClipboardModes, "|")

// copyFlag is --copy's value. Unlike a plain string flag, it tells a bare
// --copy (copy the configured way) from --copy=auto.
type copyFlag struct {
	value string
	set   bool
}

func (c *copyFlag) String() string { return c.value }

func (c *copyFlag) Set(s string) error {
	c.value, c.set = s, true
	return nil
}

// Type is empty so that help shows --copy[=auto|native|osc52] rather
// than a type name.
func (c *copyFlag) Type() string { return "" }

// mode is the clipboard mode to copy in, or "" to print instead.
func (c *copyFlag) mode(configured string) (string, error) {
	switch {
	case !c.set:
		return "", nil
	case c.value == copyConfigured:
		return configured, nil
	case slices.Contains(deliver.ClipboardModes, c.value):
		return c.value, nil
	}
	return "", usageErrorf("unknown --copy mode %s (choose one of: %s)", safetext.Quote(c.value), strings.Join(deliver.ClipboardModes, ", "))
}

// review shows the draft on a terminal and lets the user print, copy,
// edit or re-word it.
func review(f *Factory, p prompt.Prompter, t *catalog.Template, req *compose.Request, msg *deliver.Message, format, clipboard, configFlag string) error {
	senderTip := ""
	if req.Sender == "" {
		path, _, _ := config.Path(configFlag, f.Env)
		senderTip = "Tip: to sign with your name, use --from NAME or add 'sender: Your Name' to " + path
	}
	editor := deliver.EditorCommand(f.Env)
	edited := false
	for {
		showDraft(f, msg, edited, senderTip)
		another := "Try another wording"
		if edited {
			another += " (drops your edits)"
		}
		actions := []string{"Print it", "Copy it to the clipboard", "Edit it in " + editor}
		if len(t.Variants) > 1 {
			actions = append(actions, another)
		}
		actions = append(actions, "Cancel")
		i, err := p.Select("What would you like to do with it?", actions, 0)
		if err != nil {
			return err
		}
		switch actions[i] {
		case "Print it":
			return emit(f, msg, format, "")
		case "Copy it to the clipboard":
			// A failed copy goes back to the menu: print, edit or cancel
			// are still there, and nothing is lost.
			data, err := deliver.Render(msg, format)
			if err != nil {
				return err
			}
			if err := copyData(f, data, clipboard); err != nil {
				fmt.Fprintf(f.IO.ErrOut, "decline: cannot copy to the clipboard: %s; choose another way\n", oneLine(err.Error()))
				continue
			}
			return nil
		case another:
			req.Variant = msg.Reply.Variant%len(t.Variants) + 1
			reply, err := compose.Render(t, req)
			if err != nil {
				return composeError(err)
			}
			reply.Subject = msg.Reply.Subject
			msg.Reply = reply
			edited = false
		case "Cancel":
			return errCancelled
		default: // edit
			err := editReply(f, msg)
			switch {
			case errors.Is(err, errCancelled):
				return err
			case err != nil:
				// The editor failed: the draft is as it was.
				fmt.Fprintf(f.IO.ErrOut, "decline: %s; the draft is unchanged\n", oneLine(err.Error()))
			default:
				edited = true
			}
		}
	}
}

func showDraft(f *Factory, msg *deliver.Message, edited bool, tip string) {
	r := msg.Reply
	rule := strings.Repeat("─", 60)
	head := fmt.Sprintf("Draft: %s, wording %d of %d", r.Template.ID, r.Variant, len(r.Template.Variants))
	if edited {
		head += ", edited by you"
	}
	if f.IO.ColorEnabled() {
		head = "\x1b[1m" + head + "\x1b[0m"
	}
	fmt.Fprintf(f.IO.ErrOut, "\n%s\n%s\nSubject: %s\n\n%s%s\n", head, rule, r.Subject, r.Body, rule)
	if tip != "" {
		fmt.Fprintln(f.IO.ErrOut, tip)
	}
}

func editReply(f *Factory, msg *deliver.Message) error {
	edited, err := f.Edit(msg.Reply.Body)
	if errors.Is(err, deliver.ErrEmptyEdit) || errors.Is(err, deliver.ErrEditInterrupted) {
		return fmt.Errorf("%w: %v", errCancelled, err)
	}
	if err != nil {
		return err
	}
	msg.Reply.Body = edited
	return nil
}

// emit renders the message completely, then writes it once, or copies it.
func emit(f *Factory, msg *deliver.Message, format, copyMode string) error {
	data, err := deliver.Render(msg, format)
	if err != nil {
		return err
	}
	if copyMode != "" {
		if err := copyData(f, data, copyMode); err != nil {
			// Never lose the message: print it, then fail.
			if _, werr := f.IO.Out.Write(data); werr != nil {
				return werr
			}
			hint := ""
			if copyMode == deliver.ClipboardNative || copyMode == deliver.ClipboardAuto && !f.IO.IsStdinTTY() && !f.IO.IsStderrTTY() {
				hint = " (in a terminal, even over SSH, --copy=osc52 can use the terminal's clipboard)"
			}
			return fmt.Errorf("cannot copy to the clipboard: %v; the reply was printed instead%s", err, hint)
		}
		return nil
	}
	_, err = f.IO.Out.Write(data)
	return err
}

// copyData puts the reply on the clipboard and says how on standard
// error.
func copyData(f *Factory, data []byte, mode string) error {
	copied, err := f.Copy(string(data), mode)
	if err != nil {
		return err
	}
	if copied.Method != deliver.MethodOSC52 {
		fmt.Fprintf(f.IO.ErrOut, "Copied the reply to the clipboard with %s.\n", copied.Method)
		return nil
	}
	// The terminal cannot confirm OSC 52: say what it needs.
	msg := "Sent the reply to the terminal's clipboard with OSC 52"
	if copied.NativeErr != nil {
		msg += ", as no clipboard tool worked (" + copied.NativeErr.Error() + ")"
	}
	if f.Env("TMUX") != "" {
		msg += "; in tmux this needs 'set -g set-clipboard on'"
	} else {
		msg += "; if it is not there, the terminal does not accept OSC 52"
	}
	fmt.Fprintln(f.IO.ErrOut, msg+".")
	return nil
}

func composeError(err error) error {
	var fe *compose.FieldError
	var ve *compose.VariantError
	var me *compose.MissingError
	if errors.As(err, &fe) || errors.As(err, &ve) || errors.As(err, &me) {
		return &UsageError{Msg: err.Error()}
	}
	return err
}

// requireFlags names every flag that must be given when nothing can be
// asked.
func requireFlags(cat *catalog.Catalog, o *draftOptions, t *catalog.Template, kind string) error {
	var missing []string
	if strings.TrimSpace(o.name) == "" {
		missing = append(missing, "--name")
	}
	if t == nil && o.relationship == "" {
		missing = append(missing, "--relationship")
	}
	if len(missing) == 0 {
		return nil
	}
	msg := "missing " + strings.Join(missing, " and ")
	if t == nil && o.relationship == "" {
		msg += fmt.Sprintf(" (relationship for %s is one of: %s)", kind, strings.Join(cat.RelationshipsFor(kind), ", "))
	}
	why := "there is no terminal to ask on"
	if o.noInput {
		why = "--no-input says not to ask"
	}
	if len(missing) == 1 {
		return usageErrorf("%s; %s, so give it as a flag", msg, why)
	}
	return usageErrorf("%s; %s, so give them as flags", msg, why)
}

// checkSetNames refuses --set values the template does not take: a
// mistyped name (--set compnay=Acme) would otherwise vanish silently.
func checkSetNames(t *catalog.Template, values map[string]string) error {
	takes := append(append([]string(nil), t.Requires...), t.Optional...)
	for _, k := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(takes, k) {
			if len(takes) == 0 {
				return usageErrorf("template %s takes no values, so --set %s cannot be used", t.ID, safetext.Quote(k))
			}
			return usageErrorf("template %s does not use %s (it takes: %s)", t.ID, safetext.Quote(k), strings.Join(takes, ", "))
		}
	}
	return nil
}

// briefNote warns when a brief reply will not fit a LinkedIn note, as
// long names and values can make it.
func briefNote(r *compose.Reply) string {
	if r.Template.Tone != "brief" {
		return ""
	}
	if n := utf8.RuneCountInString(strings.TrimSuffix(r.Body, "\n")); n > compose.BriefLimit {
		return fmt.Sprintf("this brief reply is %d characters, more than the %d a LinkedIn note holds; shorten a name or value, or use --tone warm", n, compose.BriefLimit)
	}
	return ""
}

// flagValue is a flag's name and the value it was given.
type flagValue struct{ flag, value string }

// checkFlagText applies the outside-text policy to flag values, as
// compose.Check does to a request: a value that breaks it is a usage
// error naming the flag, with the value quoted.
func checkFlagText(flags ...flagValue) error {
	for _, f := range flags {
		if p := safetext.Check(f.value, false); p != nil {
			return usageErrorf("%s %s %s", f.flag, safetext.Quote(f.value), p.Reason)
		}
	}
	return nil
}

func parseSets(sets []string) (map[string]string, error) {
	values := make(map[string]string, len(sets))
	for _, kv := range sets {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, usageErrorf("--set takes key=value, got %s", safetext.Quote(kv))
		}
		if err := checkFlagText(flagValue{"--set " + safetext.Quote(k) + ": value", v}); err != nil {
			return nil, err
		}
		values[k] = v
	}
	return values, nil
}

// kindChoices are the kinds the catalog has, and when a relationship is
// given already, only those that have a reply for it.
func kindChoices(cat *catalog.Catalog, relationship string) []catalog.Choice {
	var out []catalog.Choice
	for _, id := range cat.KindsPresent() {
		if relationship != "" && !slices.Contains(cat.RelationshipsFor(id), relationship) {
			continue
		}
		c, _ := catalog.Lookup(catalog.Kinds, id)
		out = append(out, c)
	}
	return out
}

func relationshipChoices(cat *catalog.Catalog, kind string) []catalog.Choice {
	var out []catalog.Choice
	for _, id := range cat.RelationshipsFor(kind) {
		c, _ := catalog.Lookup(catalog.Relationships, id)
		out = append(out, c)
	}
	return out
}

// askChoice offers labelled choices and returns the chosen id.
func askChoice(p prompt.Prompter, question string, choices []catalog.Choice, def string) (string, error) {
	if len(choices) == 0 {
		return "", errors.New("the catalog has nothing to choose from here")
	}
	labels := make([]string, len(choices))
	defIndex := 0
	for i, c := range choices {
		labels[i] = c.Label
		if c.ID == def {
			defIndex = i
		}
	}
	i, err := p.Select(question, labels, defIndex)
	if err != nil {
		return "", err
	}
	return choices[i].ID, nil
}

// valueQuestion phrases the question for an extra value.
func valueQuestion(name, first string) string {
	switch name {
	case "skill":
		return "Which skill did " + first + " ask you to endorse?"
	case "role":
		return "Which role is it for?"
	case "company":
		return "Which company?"
	case "contact":
		return "Who does " + first + " want to be introduced to?"
	case "service":
		return "What service does " + first + " offer?"
	}
	return "Value for " + name + ":"
}

func validName(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("a name is needed")
	}
	if p := safetext.Check(s, false); p != nil {
		return errors.New("that name " + p.Reason)
	}
	return nil
}

func validValue(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("this reply needs a value here")
	}
	if p := safetext.Check(s, false); p != nil {
		return errors.New("that value " + p.Reason)
	}
	return nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
