package cmdutil

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/suggest"
)

// What commands check of their arguments and flags, as gh's
// pkg/cmdutil/args.go: each mistake a one-line usage error.

// Helpable lists the commands and topics under cmd that have help to show.
func Helpable(cmd *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() || sub.Name() == "help" && !sub.Hidden {
			out = append(out, sub)
		}
	}
	return out
}

// FindHelpable is the command or topic under cmd called name, or nil.
func FindHelpable(cmd *cobra.Command, name string) *cobra.Command {
	for _, sub := range Helpable(cmd) {
		if sub.Name() == name || sub.HasAlias(name) {
			return sub
		}
	}
	return nil
}

// Closest is the name of the command or topic under cmd that typed most
// likely meant, or "" when none is close.
func Closest(cmd *cobra.Command, typed string) string {
	var names [][]string
	for _, sub := range Helpable(cmd) {
		names = append(names, append([]string{sub.Name()}, sub.Aliases...))
	}
	return suggest.Closest(typed, names)
}

// NeedSubcommand is the Args of a command that only groups others, such
// as templates and completion: an argument that names none of them is a
// usage error suggesting the closest, and with none the command's own
// RunE decides (show help, or ask for one). what names the arguments in
// messages, like "command" or "shell".
func NeedSubcommand(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		q := safetext.Quote(args[0])
		if s := Closest(cmd, args[0]); s != "" {
			return UsageErrorf("unknown %s %s for \"decline %s\" (did you mean %q?)", what, q, CommandPath(cmd), s)
		}
		var names []string
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, sub.Name())
			}
		}
		return UsageErrorf("unknown %s %s for \"decline %s\" (choose one of: %s)", what, q, CommandPath(cmd), strings.Join(names, ", "))
	}
}

// CommandPath is a command's path without the program name, for hints.
func CommandPath(cmd *cobra.Command) string {
	return strings.TrimSpace(strings.TrimPrefix(cmd.CommandPath(), "decline"))
}

// FlagErrorText says in words what pflag says in Go about a value that
// does not parse: invalid argument "x" for "--variant" flag:
// strconv.ParseInt: ... (Compiled here, on the error path only, so that
// start-up pays nothing for it.)
func FlagErrorText(err error) string {
	var worded *WordedError
	if errors.As(err, &worded) {
		return worded.Msg
	}
	badFlagValue := regexp.MustCompile(`^invalid argument (".*") for "(?:-\w, )?(--[\w-]+)" flag: strconv\.Parse(Int|Bool|Uint|Float)`)
	m := badFlagValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	want := map[string]string{"Int": "a whole number", "Uint": "a whole number", "Float": "a number", "Bool": "true or false"}[m[3]]
	return fmt.Sprintf("%s takes %s, got %s", m[2], want, m[1])
}

// CopyModeArg refuses an argument that is --copy's mode: "--copy
// native" reads native as an argument, and the mode must be joined to
// the flag.
func CopyModeArg(cmd *cobra.Command, args []string) error {
	if f := cmd.Flags().Lookup("copy"); f != nil && f.Changed && len(args) > 0 && slices.Contains(deliver.ClipboardModes, args[0]) {
		return UsageErrorf("to choose how to copy, join the mode to the flag: --copy=%s", args[0])
	}
	return nil
}

// WordedError is a flag value's error worded in full: FlagErrorText
// shows it as it is, not inside pflag's "invalid argument" sentence.
type WordedError struct{ Msg string }

func (e *WordedError) Error() string { return e.Msg }

// NoArgs rejects positional arguments as a usage error.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if err := CopyModeArg(cmd, args); err != nil {
		return err
	}
	return UsageErrorf("%s takes no arguments, got %s (see 'decline %s --help')", CommandPath(cmd), safetext.Quote(args[0]), CommandPath(cmd))
}
