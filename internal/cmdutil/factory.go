// Package cmdutil holds what decline's commands share with the outside
// world, as gh's pkg/cmdutil does: the Factory (streams, environment,
// prompter, clipboard, editor, config and catalog loading) and the
// handling of signals with the clean-ups registered against them.
package cmdutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

// Factory holds what commands need from the outside world, so that tests
// can replace any of it.
type Factory struct {
	IO  *iostreams.IOStreams
	Env config.Env

	// NewPrompter returns the prompter to ask questions with.
	NewPrompter func(accessible bool) prompt.Prompter
	// Copy puts text on the clipboard in a mode (auto, native, osc52)
	// and says how.
	Copy func(text, mode string) (deliver.Copied, error)
	// Edit opens text in the user's editor and returns what was saved.
	Edit func(text string) (string, error)
	// EditFile opens a file in the user's editor, in place.
	EditFile func(name string) error

	mu       sync.Mutex
	cleanups map[int]func()
	// exiting is set once Ctrl-C has started the exit with status 130:
	// the command, which may fail as its clean-ups pull files from under
	// it, then waits for that exit instead of reporting its own error.
	exiting atomic.Bool
	// said is set by a clean-up that said in its own line how the run
	// stopped: the exit then adds no "decline: cancelled".
	said   atomic.Bool
	nextID int
	held   int // how many holdInterrupts are in force

	// watchSignals starts handling Ctrl-C, SIGTERM and SIGHUP, once, when
	// something first needs it (HandleSignals sets it; nil in tests). A
	// draft given by flags alone needs nothing cleaned up, and does
	// without: handling signals costs a thread and half a millisecond at
	// every start.
	watchSignals func()
	watchOnce    sync.Once

	// warned holds the user's template files already reported as
	// skipped, so that a command that loads the catalog twice says it
	// once.
	warned map[string]bool
}

// NeedSignals makes sure signals are being handled, for a command that
// will register clean-ups.
func (f *Factory) NeedSignals() {
	if f.watchSignals != nil {
		f.watchOnce.Do(f.watchSignals)
	}
}

// New returns a factory for real streams and environment.
func New(ios *iostreams.IOStreams, env config.Env) *Factory {
	f := &Factory{IO: ios, Env: env}
	clip := &deliver.Clipboard{Env: env, Interactive: ios.IsStdinTTY() || ios.IsStderrTTY()}
	f.Copy = clip.Copy
	f.NewPrompter = func(accessible bool) prompt.Prompter {
		// The accessible prompter reads in cooked mode, where Ctrl-C is a
		// signal; survey reads it as a key.
		f.NeedSignals()
		in, out := ios.TerminalFiles()
		if accessible || in == nil || out == nil {
			return prompt.NewAccessible(ios.In, ios.ErrOut)
		}
		return prompt.NewSurvey(in, out, ios.ColorEnabled())
	}
	// editor runs the user's editor on the terminal, even when standard
	// output is a pipe; what is the thing edited, for the message when it
	// cannot.
	editor := func(what string, run func(*deliver.Editor) error) error {
		defer f.holdInterrupts()()
		e := &deliver.Editor{Command: deliver.EditorCommand(env), Stdin: os.Stdin, Stdout: os.Stderr, Stderr: os.Stderr, OnInterrupt: f.OnInterrupt}
		if tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0); err == nil {
			defer tty.Close()
			e.Stdin, e.Stdout, e.Stderr = tty, tty, tty
		} else if name := deliver.TerminalEditor(e.Command); name != "" && !ios.IsStdinTTY() {
			// Without a terminal, vi and its kind would only pour escape
			// codes into standard error. An editor run as a script
			// (sed -i, a window that waits) still works.
			return fmt.Errorf("%s needs a terminal to edit %s, and there is none here: run decline in a terminal, or set VISUAL to an editor that opens its own window", name, what)
		}
		return run(e)
	}
	f.Edit = func(text string) (edited string, err error) {
		err = editor("the draft", func(e *deliver.Editor) error {
			edited, err = e.Edit(text)
			return err
		})
		return edited, err
	}
	f.EditFile = func(name string) error {
		return editor(name, func(e *deliver.Editor) error { return e.Open(name) })
	}
	return f
}

// OnInterrupt registers a clean-up to run if the user presses Ctrl-C
// while it is registered; the returned function unregisters it.
func (f *Factory) OnInterrupt(fn func()) (remove func()) {
	f.NeedSignals()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cleanups == nil {
		f.cleanups = map[int]func(){}
	}
	id := f.nextID
	f.nextID++
	f.cleanups[id] = fn
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		delete(f.cleanups, id)
	}
}

// holdInterrupts makes Ctrl-C leave decline running until the returned
// function is called: the editor, in the same process group, receives it
// too and says by its exit status whether to cancel.
func (f *Factory) holdInterrupts() (release func()) {
	f.NeedSignals()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.held++
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.held--
	}
}

func (f *Factory) interruptsHeld() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.held > 0
}

// Exiting reports whether Ctrl-C has started the exit with status 130.
func (f *Factory) Exiting() bool { return f.exiting.Load() }

// SaidStop tells the exit after Ctrl-C that a clean-up said how the
// run stopped, in one line of its own.
func (f *Factory) SaidStop() { f.said.Store(true) }

func (f *Factory) interrupted() {
	f.exiting.Store(true)
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, fn := range f.cleanups {
		fn()
	}
}

// LoadConfig reads the configuration: the --config flag, DECLINE_CONFIG,
// or config.yaml in the user's configuration directory.
func (f *Factory) LoadConfig(flag string) (*config.Config, error) {
	path, explicit, err := config.Path(flag, f.Env)
	if err != nil {
		return nil, err
	}
	return config.Load(path, explicit)
}

// TemplateDirs lists the directories templates are read from after the
// embedded defaults, in order: the user's directory, then each --templates.
func (f *Factory) TemplateDirs(flags []string) ([]string, error) {
	user, err := config.TemplateDir(f.Env)
	if err != nil {
		return nil, err
	}
	return append([]string{user}, flags...), nil
}

// LoadCatalog builds the catalog: the embedded defaults, then the user's
// template directory, then each --templates directory, later ones
// replacing earlier templates with the same id.
//
// A broken file in the user's own directory does not stop every draft:
// it is left out with a warning, once, and the rest is used ('templates
// lint' still fails on it). A directory named by --templates must load
// whole.
func (f *Factory) LoadCatalog(flags []string) (*catalog.Catalog, error) {
	dirs, err := f.TemplateDirs(flags)
	if err != nil {
		return nil, err
	}
	// The defaults were validated when they were generated (and by the
	// tests); here they are only wrapped, and each is parsed on first use.
	layers := []catalog.Layer{templates.Layer()}
	var skipped catalog.ErrorList
	for i, dir := range dirs {
		// The user's own directory may not exist; a named one must.
		l, err := catalog.ReadDir(dir, i == 0)
		if err != nil {
			bad, ok := userFiles(err, dir)
			if i != 0 || !ok {
				return nil, catalogError(err)
			}
			skipped = append(skipped, bad...)
			l = l.Drop(bad)
		}
		layers = append(layers, l)
	}
	cat, err := catalog.New(layers...)
	// A user template may still be refused with the other layers in
	// view (an unknown relationship, a duplicate id): leave it out too.
	// Each round drops at least one template or file, so this ends.
	for err != nil && len(dirs) > 0 {
		bad, ok := userFiles(err, dirs[0])
		if !ok {
			break
		}
		before := layers[1]
		layers[1] = layers[1].Drop(bad)
		if len(layers[1].Templates) == len(before.Templates) && len(layers[1].Locales) == len(before.Locales) {
			break
		}
		skipped = append(skipped, bad...)
		cat, err = catalog.New(layers...)
	}
	if len(skipped) > 0 {
		f.warnSkipped(skipped, layers[1])
	}
	return cat, catalogError(err)
}

// userFiles is err's list of problems when each is in a file of the
// user's template directory dir.
func userFiles(err error, dir string) (catalog.ErrorList, bool) {
	var list catalog.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return nil, false
	}
	for _, e := range list {
		if e.File == "" || !strings.HasPrefix(e.File, dir+string(filepath.Separator)) {
			return nil, false
		}
	}
	return list, true
}

// warnSkipped says, once a file, what of the user's files is left out
// and the first reason: the whole file, or, when its problems are each
// confined to one template and others of it are kept (in user, the
// user's layer as used), those templates only.
func (f *Factory) warnSkipped(list catalog.ErrorList, user catalog.Layer) {
	kept := map[string]bool{}
	for _, t := range user.Templates {
		kept[t.File] = true
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	first := map[string]*catalog.Error{}
	entries := map[string]map[int]bool{}
	whole := map[string]bool{}
	var order []string
	for _, e := range list {
		if first[e.File] == nil {
			order = append(order, e.File)
			entries[e.File] = map[int]bool{}
		}
		if prev := first[e.File]; prev == nil || e.Line < prev.Line {
			first[e.File] = e // the first in the file, of every round
		}
		if e.Entry == 0 {
			whole[e.File] = true
		}
		entries[e.File][e.Entry] = true
	}
	for _, file := range order {
		if f.warned[file] {
			continue
		}
		if f.warned == nil {
			f.warned = map[string]bool{}
		}
		f.warned[file] = true
		what := "skipping"
		if n := len(entries[file]); !whole[file] && kept[file] {
			what = plural.Pick(n, "skipping one template (the rest of its file is used):",
				fmt.Sprintf("skipping %d templates (the rest of their file is used), the first:", n))
		}
		fmt.Fprintf(f.IO.ErrOut, "decline: %s %s; run 'decline templates lint'\n", what, safetext.Escape(first[file].Error()))
	}
}

// catalogError adds to a list of catalog problems how to see them all.
func catalogError(err error) error {
	var list catalog.ErrorList
	if errors.As(err, &list) && len(list) > 1 {
		return &lintHint{list}
	}
	return err
}

// lintHint is a catalog's problems, worded with the command that lists
// them.
type lintHint struct{ catalog.ErrorList }

func (e *lintHint) Error() string {
	return e.Summary("run 'decline templates lint' to see them all")
}

func (e *lintHint) Unwrap() error { return e.ErrorList }
