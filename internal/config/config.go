// Package config reads decline's configuration file and knows where
// decline's files live (XDG base directories).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/decline-cli/decline/internal/oserr"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/decline-cli/decline/internal/safetext"
	"go.yaml.in/yaml/v3"
)

// Config is the user's settings. Empty fields mean "not set".
type Config struct {
	Sender  string `yaml:"sender"`
	Signoff string `yaml:"signoff"`
	Kind    string `yaml:"kind"`
	Tone    string `yaml:"tone"`
	// Lang is the language of replies, a tag such as "de" or "fr-CA".
	Lang      string `yaml:"lang"`
	Format    string `yaml:"format"`
	Clipboard string `yaml:"clipboard"`
	// SignBrief is how brief notes are signed: "first" (the default) with
	// the sender's first name, "full" with the whole name.
	SignBrief string `yaml:"sign_brief"`
	// Address is the user's email address for the From: header of
	// replies sent as email, such as "Pat Morgan <pat@example.com>".
	// reply.CheckAddress checks it strictly when it is used.
	Address string `yaml:"address"`
	// SMTP and Sendmail send replies; Sendmail, a command that reads a
	// message with its headers (such as "msmtp -t"), wins when both are
	// set. IMAP is the mailbox whose Drafts folder receives drafts.
	SMTP     *Server `yaml:"smtp"`
	IMAP     *IMAP   `yaml:"imap"`
	Sendmail string  `yaml:"sendmail"`
	// SendmailTimeout is how long the sendmail command may take for one
	// message, as written ("90s", "2m", or seconds alone); see
	// SendmailWait.
	SendmailTimeout string `yaml:"sendmail_timeout"`

	// Path is the file the settings came from, or "" when none was read.
	Path string `yaml:"-"`
}

// Env looks up an environment variable; tests pass their own.
type Env func(string) string

// Dir is decline's configuration directory:
// $XDG_CONFIG_HOME/decline, or ~/.config/decline.
func Dir(env Env) (string, error) {
	if x := env("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return checkedPath("configuration directory", filepath.Join(x, "decline"))
	}
	home := env("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("cannot find the configuration directory: set HOME or XDG_CONFIG_HOME")
		}
	}
	return checkedPath("configuration directory", filepath.Join(home, ".config", "decline"))
}

// checkedPath applies the outside-text policy to a path decline may
// print: in a message, in 'templates path', or in a tip.
func checkedPath(what, path string) (string, error) {
	if err := safetext.CheckPath(what, path); err != nil {
		return "", err
	}
	return path, nil
}

// TemplateDir is where the user's own templates live.
func TemplateDir(env Env) (string, error) {
	dir, err := Dir(env)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "templates"), nil
}

// Path resolves the configuration file: the --config flag, then
// DECLINE_CONFIG, then config.yaml in Dir. explicit is true when the user
// named the file, which must then exist.
func Path(flag string, env Env) (path string, explicit bool, err error) {
	if flag != "" {
		path, err := checkedPath("config file", flag)
		return path, true, err
	}
	if p := env("DECLINE_CONFIG"); p != "" {
		path, err := checkedPath("config file", p)
		return path, true, err
	}
	dir, err := Dir(env)
	if err != nil {
		return "", false, err
	}
	return filepath.Join(dir, "config.yaml"), false, nil
}

// MaxSize caps the configuration file.
const MaxSize = 64 << 10

// Load reads the configuration file at path. A missing file that the user
// did not name gives empty settings.
func Load(path string, explicit bool) (*Config, error) {
	// Opened without waiting (oserr.OpenNoWait), so that a named pipe, which
	// would wait for a writer forever, can be refused like a device.
	f, err := oserr.OpenNoWait(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			// A link to nothing is a mistake, not "no config".
			if target, lerr := os.Readlink(path); lerr == nil {
				return nil, fmt.Errorf("config file %s is a symbolic link to %s, which does not exist: fix the link or remove it", path, safetext.Escape(strconv.QuoteToGraphic(target)))
			}
			if !explicit {
				return &Config{}, nil
			}
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read config file %s: %v", path, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("config file %s is not a regular file: make it a plain file, or remove it", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read config file %s: %v", path, err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("config file %s is larger than %d bytes", path, MaxSize)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, atFile(path, err)
	}
	c.Path = path
	return c, nil
}

// atFile places a problem of Parse in the file at path: FILE:LINE: for
// a problem at a line, one line each for several.
func atFile(path string, err error) error {
	var list LineErrors
	if errors.As(err, &list) {
		lines := make([]string, len(list))
		for i, le := range list {
			lines[i] = fmt.Sprintf("%s:%d: %s", path, le.Line, le.Msg)
		}
		return &FileErrors{lines}
	}
	var le *LineError
	if errors.As(err, &le) {
		return fmt.Errorf("%s:%d: %s", path, le.Line, le.Msg)
	}
	return fmt.Errorf("%s: %v", path, err)
}

// LineErrors are problems at several lines of the file, such as every
// unknown setting in it.
type LineErrors []*LineError

func (l LineErrors) Error() string {
	msgs := make([]string, len(l))
	for i, le := range l {
		msgs[i] = le.Error()
	}
	return strings.Join(msgs, "; ")
}

// FileErrors are several problems of a file, each a line starting
// FILE:LINE:, to be printed one a line.
type FileErrors struct{ lines []string }

func (e *FileErrors) Error() string { return strings.Join(e.lines, "; ") }

// Lines are the problems, one a line.
func (e *FileErrors) Lines() []string { return e.lines }

// withHint adds what to do, in parentheses, to the last line.
func (e *FileErrors) withHint(hint string) *FileErrors {
	lines := slices.Clone(e.lines)
	lines[len(lines)-1] += " (" + hint + ")"
	return &FileErrors{lines}
}

// LineError is a problem at a line of the file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Parse decodes configuration strictly: unknown keys are errors, and so
// is a second YAML document, which would otherwise be ignored.
func Parse(data []byte) (c *Config, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("cannot read this file as YAML (%v)", r)
		}
	}()
	c = &Config{}
	if len(bytes.TrimSpace(data)) == 0 {
		return c, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &LineError{Line: documentStart(data, next.Line), Msg: "a second YAML document starts here; a config file holds one set of settings"}
	case !errors.Is(err, io.EOF):
		return nil, yamlError(err)
	}
	// The values are outside text like any other: a sender holding an
	// escape sequence is refused here, once, rather than on every reply.
	for _, f := range []struct{ key, value string }{
		{"sender", c.Sender}, {"signoff", c.Signoff}, {"kind", c.Kind},
		{"tone", c.Tone}, {"lang", c.Lang}, {"format", c.Format}, {"clipboard", c.Clipboard}, {"sign_brief", c.SignBrief},
		{"address", c.Address}, {"sendmail", c.Sendmail}, {"sendmail_timeout", c.SendmailTimeout},
	} {
		if p := safetext.Check(f.value, false); p != nil {
			return nil, fmt.Errorf("%s %s %s", f.key, safetext.Quote(f.value), p.Reason)
		}
	}
	// A sender or sign-off without a letter would sign every reply with
	// punctuation (a blank sign-off leaves a lone comma).
	if strings.TrimSpace(c.Sender) != "" && !safetext.HasLetter(c.Sender) {
		return nil, fmt.Errorf("sender %s has no letters: write your name, or remove the line", safetext.Quote(c.Sender))
	}
	if c.Signoff != "" && !safetext.HasLetter(c.Signoff) {
		return nil, fmt.Errorf("signoff %s has no letters: write one such as 'Best wishes', or remove the line", safetext.Quote(c.Signoff))
	}
	if c.SignBrief != "" && !slices.Contains(SignBriefs, c.SignBrief) {
		return nil, fmt.Errorf("sign_brief is %s; it must be first (sign brief notes with your first name) or full (with your whole name)", safetext.Quote(c.SignBrief))
	}
	if c.SMTP != nil {
		if err := c.SMTP.check("smtp", 587, 465); err != nil {
			return nil, err
		}
	}
	if c.IMAP != nil {
		if err := c.IMAP.check("imap", 143, 993); err != nil {
			return nil, err
		}
		if p := safetext.Check(c.IMAP.Drafts, false); p != nil {
			return nil, fmt.Errorf("imap drafts %s %s", safetext.Quote(c.IMAP.Drafts), p.Reason)
		}
	}
	if c.Sendmail != "" && strings.TrimSpace(c.Sendmail) == "" {
		return nil, errors.New("sendmail is blank: write the command that sends a message read from its input, such as 'msmtp -t', or remove the line")
	}
	if _, err := ParseTimeout(c.SendmailTimeout); err != nil {
		return nil, fmt.Errorf("sendmail_timeout %s %v", safetext.Quote(c.SendmailTimeout), err)
	}
	return c, nil
}

// documentStart is the line of the "---" that starts the document whose
// content the decoder places at line (1-based), looking back over blank
// lines and comments only; line itself when there is none.
func documentStart(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	for i := min(line, len(lines)) - 1; i >= 0; i-- {
		l := bytes.TrimSpace(lines[i])
		switch {
		case bytes.Equal(l, []byte("---")) || bytes.HasPrefix(l, []byte("--- ")):
			return i + 1
		case i < line-1 && len(l) > 0 && l[0] != '#':
			return line
		}
	}
	return line
}

// yamlError is the decoder's error in decline's words, as a LineError
// when it starts at a line.
func yamlError(err error) error {
	// Each unknown setting, or other misfit, at its own line: the
	// decoder reads on after the first and lists them all.
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 1 {
		var list LineErrors
		for _, e := range te.Errors {
			le, ok := yamlError(errors.New(e)).(*LineError)
			if !ok {
				list = nil
				break
			}
			list = append(list, le)
		}
		if list != nil {
			return list
		}
	}
	msg := cleanYAMLError(err)
	if m := yamlErrors().atLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return &LineError{Line: n, Msg: m[2]}
		}
	}
	return errors.New(msg)
}

// cleanYAMLError rewrites the decoder's messages into decline's style.
func cleanYAMLError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	msg = strings.ReplaceAll(msg, "\n  ", "; ")
	re := yamlErrors()
	// "field X not found in type config.Config": X is the file's own
	// text, so it is quoted like any other outside value.
	msg = re.unknownField.ReplaceAllStringFunc(msg, func(m string) string {
		key := re.unknownField.FindStringSubmatch(m)[1]
		known := "sender, signoff, sign_brief, kind, tone, lang, format, clipboard, address, smtp, imap, sendmail, sendmail_timeout"
		switch re.unknownField.FindStringSubmatch(m)[2] {
		case "Server":
			known = "host, port, username, password_command, password_env, tls"
		case "IMAP":
			known = "host, port, username, password_command, password_env, tls, drafts"
		}
		return "unknown setting " + safetext.Quote(key) + " (known: " + known + ")"
	})
	// "cannot unmarshal !!str `x` into config.Config": the file is not a
	// mapping of settings; "... !!seq into string": a setting is a list.
	msg = re.notSettings.ReplaceAllString(msg, "the file must hold settings, one per line, such as 'sender: Your Name'")
	msg = re.notServer.ReplaceAllString(msg, "a mail server is settings of its own, such as '{host: mail.example.com, port: 587, username: you}'")
	msg = re.notText.ReplaceAllStringFunc(msg, func(m string) string {
		return "a setting must be text, found a " + map[string]string{"seq": "list", "map": "mapping"}[re.notText.FindStringSubmatch(m)[1]]
	})
	// One line, whatever the file held.
	return strings.Join(strings.Fields(msg), " ")
}

// yamlErrors are the patterns of the decoder's messages, compiled on the
// error path only: start-up pays nothing for them.
var yamlErrors = sync.OnceValue(func() (re struct{ unknownField, notSettings, notServer, notText, atLine *regexp.Regexp }) {
	re.atLine = regexp.MustCompile(`^line (\d+): (.*)$`)
	re.unknownField = regexp.MustCompile(`(?s)field (.*?) not found in type config\.(Config|Server|IMAP)`)
	re.notSettings = regexp.MustCompile("(?s)cannot unmarshal !!\\w+(?: `.*?`)? into config\\.Config")
	re.notServer = regexp.MustCompile("(?s)cannot unmarshal !!\\w+(?: `.*?`)? into config\\.(Server|IMAP)")
	re.notText = regexp.MustCompile(`cannot unmarshal !!(seq|map) into string`)
	return re
})
