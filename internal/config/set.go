package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/safetext"
)

// Keys are the settings of the file, in the order the documentation
// lists them.
var Keys = []string{"sender", "signoff", "sign_brief", "kind", "tone", "lang", "format", "clipboard", "address", "sendmail", "sendmail_timeout"}

// SignBriefs are the values of sign_brief: sign brief notes with the
// sender's first name, or with the whole name.
var SignBriefs = []string{"first", "full"}

// NestedKeys are the settings of the smtp and imap sections, which get
// prints and config edit changes (set takes one line's settings).
var NestedKeys = []string{"smtp.host", "smtp.port", "smtp.username", "smtp.password_command", "smtp.password_env", "smtp.tls",
	"imap.host", "imap.port", "imap.username", "imap.password_command", "imap.password_env", "imap.tls", "imap.drafts"}

// KeyError is a setting name that does not exist, or (Nested) one of
// the smtp and imap sections, which set does not change.
type KeyError struct {
	Key    string
	Nested bool
}

func (e *KeyError) Error() string {
	if e.Nested {
		return fmt.Sprintf("%s is in the %s section, which is changed in the file itself", safetext.Quote(e.Key), e.Section())
	}
	return fmt.Sprintf("unknown setting %s (known: %s)", safetext.Quote(e.Key), JoinKeys(Keys))
}

// Section is the section of a nested key: "smtp" for smtp.host.
func (e *KeyError) Section() string {
	sec, _, _ := strings.Cut(e.Key, ".")
	return sec
}

// JoinKeys lists settings as a sentence does: "sender, signoff, kind".
func JoinKeys(keys []string) string {
	return strings.Join(keys, ", ")
}

// field returns the setting's field in c.
func (c *Config) field(key string) (*string, error) {
	switch key {
	case "sender":
		return &c.Sender, nil
	case "signoff":
		return &c.Signoff, nil
	case "sign_brief":
		return &c.SignBrief, nil
	case "kind":
		return &c.Kind, nil
	case "tone":
		return &c.Tone, nil
	case "format":
		return &c.Format, nil
	case "clipboard":
		return &c.Clipboard, nil
	case "address":
		return &c.Address, nil
	case "lang":
		return &c.Lang, nil
	case "sendmail":
		return &c.Sendmail, nil
	case "sendmail_timeout":
		return &c.SendmailTimeout, nil
	}
	if slices.Contains(NestedKeys, key) || slices.Contains(Sections, key) {
		return nil, &KeyError{Key: key, Nested: true}
	}
	return nil, &KeyError{Key: key}
}

// ValueError is a setting or value that Set refuses: the person's
// mistake, not the file's.
type ValueError struct{ Err error }

func (e *ValueError) Error() string { return e.Err.Error() }
func (e *ValueError) Unwrap() error { return e.Err }

// Get returns a setting's value, "" when it is not set; a key of
// NestedKeys ("smtp.host") reads its section.
func (c *Config) Get(key string) (string, error) {
	if sec, name, ok := strings.Cut(key, "."); ok && slices.Contains(NestedKeys, key) {
		var s *Server
		drafts := ""
		switch {
		case sec == "smtp" && c.SMTP != nil:
			s = c.SMTP
		case sec == "imap" && c.IMAP != nil:
			s, drafts = &c.IMAP.Server, c.IMAP.Drafts
		}
		if s == nil {
			return "", nil
		}
		return map[string]string{"host": s.Host, "port": portText(s.Port), "username": s.Username,
			"password_command": s.PasswordCommand, "password_env": s.PasswordEnv, "tls": s.TLS, "drafts": drafts}[name], nil
	}
	p, err := c.field(key)
	if err != nil {
		return "", err
	}
	return *p, nil
}

func portText(p int) string {
	if p == 0 {
		return ""
	}
	return strconv.Itoa(p)
}

// Check is a check of the settings that only the rest of decline knows
// (which kinds, tones and formats exist); it returns nil when they are
// good.
type Check func(*Config) error

// Set writes one setting into the file at path, or removes it when value
// is empty. The file is read as strictly as Load reads it and must be
// good already; the new settings are parsed and checked (check) before
// anything is written, and the file is replaced at once (WriteFile), so
// a failed set leaves it as it was. Comments and the other settings are
// kept as written.
func Set(path, key, value string, check Check) error {
	if _, err := (&Config{}).field(key); err != nil {
		return &ValueError{err}
	}
	data, err := readRaw(path)
	if err != nil {
		return err
	}
	if err := Validate(path, nil); err != nil {
		var fe *FileErrors
		if errors.As(err, &fe) {
			return fe.withHint("fix the file first")
		}
		return fmt.Errorf("%v (fix the file first)", err)
	}
	out, err := SetIn(data, key, value)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	c, err := Parse(out)
	if err != nil {
		var le *LineError
		if errors.As(err, &le) {
			err = errors.New(le.Msg)
		}
		// Most of Parse's messages name the setting and its value
		// already ("sender "a\x1bb" contains ..."): say them once.
		if strings.HasPrefix(err.Error(), key+" ") {
			return &ValueError{err}
		}
		return &ValueError{fmt.Errorf("%s %s: %v", key, safetext.Quote(value), err)}
	}
	// Path stays empty: a refused value is the one given, not the file's.
	if check != nil {
		if err := check(c); err != nil {
			return &ValueError{err}
		}
	}
	return WriteFile(path, out)
}

// Validate reads the file at path as Load does and runs check on it: a
// file that decline would refuse is an error naming its line.
func Validate(path string, check Check) error {
	data, err := readRaw(path)
	if err != nil {
		return err
	}
	c, err := Parse(data)
	if err != nil {
		return atFile(path, err)
	}
	c.Path = path
	if check != nil {
		return check(c)
	}
	return nil
}

// readRaw reads the file at path, or nothing when it does not exist
// yet; like Load, it refuses anything but a regular file (a named pipe
// would wait for ever) and a link to nothing.
func readRaw(path string) ([]byte, error) {
	f, err := oserr.OpenNoWait(path)
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(path); lerr == nil {
			return nil, fmt.Errorf("config file %s is a symbolic link to %s, which does not exist: fix the link or remove it", path, safetext.Quote(target))
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read config file %s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("config file %s is not a regular file: make it a plain file, or remove it", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read config file %s: %v", path, err)
	case len(data) > MaxSize:
		return nil, fmt.Errorf("config file %s is larger than %d bytes", path, MaxSize)
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// SetIn returns the YAML document data with key set to value, or removed
// when value is empty, through the document's node tree, so that every
// comment and other setting stays. A key the file does not have yet is
// added at the end.
func SetIn(data []byte, key, value string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		// Empty, or only comments: the text is kept and the line added.
		if value == "" {
			return data, nil
		}
		line, err := yaml.Marshal(map[string]string{key: value})
		if err != nil {
			return nil, err
		}
		if len(data) > 0 && data[len(data)-1] != '\n' {
			data = append(slices.Clip(data), '\n')
		}
		return append(slices.Clip(data), line...), nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, errors.New("the file must hold settings, one per line, such as 'sender: Your Name'")
	}
	found := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			continue
		}
		found = true
		if value == "" {
			// The comment above the setting stays, above the next one.
			if c := m.Content[i].HeadComment; c != "" && i+2 < len(m.Content) {
				next := m.Content[i+2]
				next.HeadComment = strings.TrimSpace(c + "\n" + next.HeadComment)
			}
			m.Content = slices.Delete(m.Content, i, i+2)
			break
		}
		v := m.Content[i+1]
		v.Kind, v.Tag, v.Value, v.Style = yaml.ScalarNode, "!!str", value, 0
		v.Content, v.Alias = nil, nil
		break
	}
	if !found && value != "" {
		m.Content = append(m.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value})
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	if len(m.Content) == 0 && len(m.HeadComment)+len(m.FootComment)+len(doc.HeadComment)+len(doc.FootComment) == 0 {
		return nil, nil
	}
	return b.Bytes(), nil
}

// WriteFile replaces the file at path with data all at once: it writes a
// temporary file in the same directory, syncs it and renames it over the
// old one, so that a crash or a full disk leaves either the old file or
// the new one, never half of one. A symbolic link is followed, and the
// file keeps its permissions (0600 for a new one: it may hold an email
// address).
func WriteFile(path string, data []byte) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %v", dir, unwrapPath(err))
	}
	mode := fs.FileMode(0o600)
	if info, err := os.Stat(path); err == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("config file %s is not a regular file: make it a plain file, or remove it", path)
		}
		mode = info.Mode().Perm()
	}
	tmp, err := oserr.WriteTemp(path, data, mode)
	if err == nil {
		if err = os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write config file %s: %v", path, unwrapPath(err))
	}
	return nil
}

// Sections are the sections of the file, whose settings are NestedKeys.
var Sections = []string{"smtp", "imap"}

// Show shows a setting, escaped to print: with one key its value; with
// a section (smtp) a "key: value" line for each of its settings, set or
// not, so that they are all named; else a "key: value" line for each
// setting that is set. An unknown key is a KeyError.
func (c *Config) Show(key ...string) ([]string, error) {
	var lines []string
	section := len(key) == 1 && slices.Contains(Sections, key[0])
	for _, k := range slices.Concat(Keys, NestedKeys) {
		if section && !strings.HasPrefix(k, key[0]+".") || !section && len(key) == 1 && key[0] != k {
			continue
		}
		v, _ := c.Get(k)
		switch {
		case section:
			lines = append(lines, strings.TrimSuffix(k+": "+safetext.Escape(v), " "))
		case len(key) == 1:
			return []string{safetext.Escape(v)}, nil
		case v != "":
			lines = append(lines, k+": "+safetext.Escape(v))
		}
	}
	if len(key) == 1 && !section {
		return nil, &KeyError{Key: key[0]}
	}
	return lines, nil
}
