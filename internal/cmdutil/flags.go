package cmdutil

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
)

// OnceString is a string flag that may be given once: a second -n
// would otherwise replace the first without a word. Flag is its name
// for the message, such as "--name".
type OnceString struct {
	P    *string
	Flag string
	set  bool
}

func (o *OnceString) String() string {
	if o.P == nil {
		return ""
	}
	return *o.P
}

func (o *OnceString) Set(s string) error {
	if o.set {
		return &WordedError{Msg: fmt.Sprintf("%s is given twice (%s and %s): give it once, with quotes around a name that has spaces", o.Flag, safetext.Quote(*o.P), safetext.Quote(s))}
	}
	*o.P, o.set = s, true
	return nil
}

func (o *OnceString) Type() string { return "string" }

// SetString is a string flag that records being given, so that an
// empty --from can clear the configuration's sender.
type SetString struct {
	P     *string
	Given *bool
}

func (s *SetString) String() string {
	if s.P == nil {
		return ""
	}
	return *s.P
}

func (s *SetString) Set(v string) error {
	*s.P, *s.Given = v, true
	return nil
}

func (s *SetString) Type() string { return "string" }

// SetInt is an int flag that records being given, so that --limit 0
// is told from no --limit.
type SetInt struct {
	N     *int
	Given *bool
}

func (s SetInt) String() string {
	if s.N == nil {
		return "0"
	}
	return strconv.Itoa(*s.N)
}

func (s SetInt) Type() string { return "int" }

func (s SetInt) Set(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return errors.New("not a whole number")
	}
	*s.N, *s.Given = n, true
	return nil
}

// CopyConfigured is --copy's value when it is given bare: copy the way
// config.yaml says, or auto. It doubles as the help text's list of modes
// (--copy[=auto|native|osc52]).
var CopyConfigured = strings.Join(deliver.ClipboardModes, "|")

// CopyFlag is --copy's value, which draft and reply share. Unlike a
// plain string flag, it tells a bare --copy (copy the configured way)
// from --copy=auto; Given is set when it was given at all.
type CopyFlag struct {
	Value string
	Given bool
}

func (c *CopyFlag) String() string { return c.Value }

func (c *CopyFlag) Set(s string) error {
	c.Value, c.Given = s, true
	return nil
}

// Type is empty so that help shows --copy[=auto|native|osc52] rather
// than a type name.
func (c *CopyFlag) Type() string { return "" }

// Mode is the clipboard mode to copy in, or "" to print instead;
// configured is the configuration's.
func (c *CopyFlag) Mode(configured string) (string, error) {
	switch {
	case !c.Given:
		return "", nil
	case c.Value == CopyConfigured:
		return configured, nil
	case slices.Contains(deliver.ClipboardModes, c.Value):
		return c.Value, nil
	}
	return "", UsageErrorf("unknown --copy mode %s (choose one of: %s)", safetext.Quote(c.Value), strings.Join(deliver.ClipboardModes, ", "))
}

// RegisterCopyFlag registers --copy, whose bare form takes the
// configured mode.
func RegisterCopyFlag(fl *pflag.FlagSet, c *CopyFlag) {
	fl.VarP(c, "copy", "c", "copy the reply to the clipboard instead of printing it (default mode: clipboard in config.yaml, else auto)")
	fl.Lookup("copy").NoOptDefVal = CopyConfigured
}

// RegisterPersonFlags registers the flags of one reply's person, which
// draft and reply share; nameHelp says where the name comes from.
func RegisterPersonFlags(fl *pflag.FlagSet, name, firstName, note *string, nameHelp string) {
	fl.VarP(&OnceString{P: name, Flag: "--name"}, "name", "n", "the requester's full `NAME`"+nameHelp)
	fl.StringVar(firstName, "first-name", "", "what to call them in the greeting (default: the first name read from the name)")
	fl.StringVar(note, "note", "", "a personal `SENTENCE` of your own, placed before the sign-off")
}

// RegisterAskFlags registers the flags that say whether and how to ask.
func RegisterAskFlags(fl *pflag.FlagSet, noInput, accessible *bool) {
	fl.BoolVar(noInput, "no-input", false, "never ask questions; fail if something is missing")
	fl.BoolVar(accessible, "accessible", false, "ask questions as plain numbered lines (also DECLINE_ACCESSIBLE=1)")
}

// RegisterRunFlags registers the flags of a run over many inputs (rows
// or messages: what).
func RegisterRunFlags(fl *pflag.FlagSet, force, keepGoing, dryRun *bool, what string) {
	fl.BoolVar(force, "force", false, "with --out-dir, replace files that already exist")
	fl.BoolVar(keepGoing, "keep-going", false, "write the good "+what+" even if some "+what+" are bad (the exit status is still 1)")
	fl.BoolVar(dryRun, "dry-run", false, "check every "+strings.TrimSuffix(what, "s")+" and print a summary; write nothing")
}

// Accessible reports whether questions are asked as plain numbered
// lines: the --accessible flag, DECLINE_ACCESSIBLE set to a true value,
// or TERM=dumb, a terminal without the cursor control that arrow-key
// menus draw with (Emacs's shell, an editor's output pane).
func (f *Factory) Accessible(flag bool) bool {
	if flag || f.Env("TERM") == "dumb" {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(f.Env("DECLINE_ACCESSIBLE"))) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
