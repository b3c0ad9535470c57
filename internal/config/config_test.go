package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func envOf(m map[string]string) Env { return func(k string) string { return m[k] } }

func TestPathOrder(t *testing.T) {
	env := envOf(map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"})
	if p, explicit, _ := Path("", env); p != "/x/decline/config.yaml" || explicit {
		t.Errorf("XDG: %q %v", p, explicit)
	}
	if p, _, _ := Path("", envOf(map[string]string{"HOME": "/h"})); p != "/h/.config/decline/config.yaml" {
		t.Errorf("HOME: %q", p)
	}
	// A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
	if p, _, _ := Path("", envOf(map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/h"})); p != "/h/.config/decline/config.yaml" {
		t.Errorf("relative XDG: %q", p)
	}
	env = envOf(map[string]string{"XDG_CONFIG_HOME": "/x", "DECLINE_CONFIG": "/d.yaml"})
	if p, explicit, _ := Path("", env); p != "/d.yaml" || !explicit {
		t.Errorf("DECLINE_CONFIG: %q %v", p, explicit)
	}
	if p, explicit, _ := Path("/f.yaml", env); p != "/f.yaml" || !explicit {
		t.Errorf("flag: %q %v", p, explicit)
	}
	if d, _ := TemplateDir(envOf(map[string]string{"XDG_CONFIG_HOME": "/x"})); d != "/x/decline/templates" {
		t.Errorf("TemplateDir: %q", d)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := Load(write("ok.yaml", "sender: Jordan Avery\nsignoff: Best wishes\ntone: formal\n"), true)
	if err != nil || c.Sender != "Jordan Avery" || c.Signoff != "Best wishes" || c.Tone != "formal" {
		t.Fatalf("Load = %+v, %v", c, err)
	}
	if c, err := Load(filepath.Join(dir, "none.yaml"), false); err != nil || *c != (Config{}) {
		t.Errorf("missing default file: %+v, %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "none.yaml"), true); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing named file: %v", err)
	}
	for name, body := range map[string]string{
		"unknown.yaml": "sendr: x\n",
		"dup.yaml":     "sender: a\nsender: b\n",
		"type.yaml":    "sender: [a, b]\n",
		"broken.yaml":  "sender: \"unclosed\n",
		"binary.yaml":  "\x00\x01\x02\xff",
	} {
		if _, err := Load(write(name, body), true); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v, want a one-line error", name, err)
		}
	}
	big := write("big.yaml", "sender: "+strings.Repeat("a", MaxSize)+"\n")
	if _, err := Load(big, true); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big file: %v", err)
	}
}

// TestValuesAndPathsMeetThePolicy: a config value is outside text like
// any other, refused when the file is read; so is a path decline prints.
func TestValuesAndPathsMeetThePolicy(t *testing.T) {
	for body, want := range map[string]string{
		"sender: \"Jo\\e]52;c;ZXZpbA==\\a\"\n": `sender "Jo\x1b]52;c;ZXZpbA==\a" contains an escape character (U+001B)`,
		"signoff: \"Best\\u202e\"\n":           `signoff "Best\u202e" contains a text-direction control (U+202E)`,
		"tone: \"\\x9b\"\n":                    `tone "\u009b" contains a control character (U+009B)`,
		"\"\\e[2J\": x\n":                      `line 1: unknown setting "\x1b[2J" (known: sender, signoff, sign_brief, kind, tone, lang, format, clipboard, address, smtp, imap, sendmail, sendmail_timeout)`,
	} {
		if _, err := Parse([]byte(body)); err == nil || err.Error() != want {
			t.Errorf("%q: err = %v\nwant %s", body, err, want)
		}
	}
	if _, _, err := Path("a\x1b[2J.yaml", envOf(nil)); err == nil || err.Error() != `config file "a\x1b[2J.yaml" contains an escape character (U+001B); rename it` {
		t.Errorf("--config: %v", err)
	}
	if _, err := Dir(envOf(map[string]string{"XDG_CONFIG_HOME": "/x\u202e"})); err == nil || !strings.Contains(err.Error(), `"/x\u202e/decline" contains a text-direction control`) {
		t.Errorf("XDG_CONFIG_HOME: %v", err)
	}
}

// TestYAMLErrorsInWords: the decoder's messages about a file of the wrong
// shape become one line a user can act on (the fuzzer found a value with
// line breaks quoted whole in one).
func TestYAMLErrorsInWords(t *testing.T) {
	for body, want := range map[string]string{
		"0\r\r0":                         "line 1: the file must hold settings, one per line, such as 'sender: Your Name'",
		"- a\n":                          "line 1: the file must hold settings, one per line, such as 'sender: Your Name'",
		"sender: [a]\nsignoff: {a: b}\n": "line 1: a setting must be text, found a list; line 2: a setting must be text, found a mapping",
	} {
		if _, err := Parse([]byte(body)); err == nil || err.Error() != want {
			t.Errorf("%q: err = %v\nwant %s", body, err, want)
		}
	}
}

// TestSecondDocumentIsAnError: settings after a "---" used to be ignored
// without a word. A second document is an error at its line.
func TestSecondDocumentIsAnError(t *testing.T) {
	for body, want := range map[string]string{
		"sender: a\n---\nsender: b\n":         "line 2: a second YAML document starts here; a config file holds one set of settings",
		"---\nsender: a\n---\n":               "line 3: a second YAML document starts here; a config file holds one set of settings",
		"sender: a\n...\n---\nsignoff: x\n":   "line 3: a second YAML document starts here; a config file holds one set of settings",
		"sender: a\n---\n# c\n\nsignoff: x\n": "line 2: a second YAML document starts here; a config file holds one set of settings",
		"sender: a\n--- {signoff: x}\n":       "line 2: a second YAML document starts here; a config file holds one set of settings",
	} {
		if _, err := Parse([]byte(body)); err == nil || err.Error() != want {
			t.Errorf("%q: err = %v\nwant %s", body, err, want)
		}
	}
	for _, body := range []string{"---\nsender: a\n", "sender: a\n...\n", "---\nsender: a\n...\n"} {
		if c, err := Parse([]byte(body)); err != nil || c.Sender != "a" {
			t.Errorf("%q: %+v, %v", body, c, err)
		}
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("sender: a\n---\nsender: b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, false); err == nil || err.Error() != path+":2: a second YAML document starts here; a config file holds one set of settings" {
		t.Errorf("Load: %v", err)
	}
}

// TestSignBrief: sign_brief takes first or full, and nothing else.
func TestSignBrief(t *testing.T) {
	for _, v := range []string{"first", "full"} {
		if c, err := Parse([]byte("sign_brief: " + v + "\n")); err != nil || c.SignBrief != v {
			t.Errorf("sign_brief: %s gave %+v, %v", v, c, err)
		}
	}
	for body, want := range map[string]string{
		"sign_brief: First\n": `sign_brief is "First"; it must be first (sign brief notes with your first name) or full (with your whole name)`,
		"sign_brief: yes\n":   `sign_brief is "yes"; it must be first (sign brief notes with your first name) or full (with your whole name)`,
		"sign_brief: [a]\n":   "line 1: a setting must be text, found a list",
	} {
		if _, err := Parse([]byte(body)); err == nil || err.Error() != want {
			t.Errorf("%q: err = %v\nwant %s", body, err, want)
		}
	}
}

// TestSenderAndSignoffNeedLetters: punctuation as a sender or sign-off
// would sign every reply with it; the file is named when it is read.
func TestSenderAndSignoffNeedLetters(t *testing.T) {
	for body, want := range map[string]string{
		"sender: ','\n":  `sender "," has no letters: write your name, or remove the line`,
		"signoff: ','\n": `signoff "," has no letters: write one such as 'Best wishes', or remove the line`,
		"signoff: ' '\n": `signoff " " has no letters: write one such as 'Best wishes', or remove the line`,
	} {
		if _, err := Parse([]byte(body)); err == nil || err.Error() != want {
			t.Errorf("%q: err = %v\nwant %s", body, err, want)
		}
	}
	if c, err := Parse([]byte("sender: 李伟\nsignoff: — Best\n")); err != nil || c.Sender != "李伟" {
		t.Errorf("names with letters: %+v, %v", c, err)
	}
}

// TestDanglingSymlinkIsNotMissing: a config.yaml that is a link to
// nothing is a mistake to report, not "no config"; a missing file is.
func TestDanglingSymlinkIsNotMissing(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "config.yaml")
	target := filepath.Join(dir, "nonexistent")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	for _, explicit := range []bool{false, true} {
		_, err := Load(link, explicit)
		want := "config file " + link + " is a symbolic link to \"" + target + "\", which does not exist: fix the link or remove it"
		if err == nil || err.Error() != want {
			t.Errorf("explicit=%v: got %v\nwant %s", explicit, err, want)
		}
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(link, false); err != nil || *c != (Config{}) {
		t.Errorf("missing file: %+v, %v", c, err)
	}
}

// TestParseListsEveryUnknownSetting: each unknown key is a problem at its
// own line, not only the first.
func TestParseListsEveryUnknownSetting(t *testing.T) {
	_, err := Parse([]byte("sendr: a\ntone: warm\nknd: b\nimap:\n  hots: h\n"))
	var list LineErrors
	if !errors.As(err, &list) {
		t.Fatalf("Parse: %v, want LineErrors", err)
	}
	var got []string
	for _, le := range list {
		got = append(got, fmt.Sprintf("%d %s", le.Line, strings.Fields(le.Msg)[2]))
	}
	if want := []string{`1 "sendr"`, `3 "knd"`, `5 "hots"`}; !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
	fe, ok := atFile("c.yaml", err).(*FileErrors)
	if !ok || len(fe.Lines()) != 3 || !strings.HasPrefix(fe.Lines()[2], "c.yaml:5: unknown setting") {
		t.Errorf("atFile: %v, want three lines, each c.yaml:LINE:", fe)
	}
}

// TestShowSection: a section's name shows each of its settings, set or
// not, as "key: value" lines, not an unknown setting; a name that is
// no setting and no section is still refused.
func TestShowSection(t *testing.T) {
	c := &Config{Sender: "Jordan", SMTP: &Server{Host: "mail.example.org", Port: 587}}
	lines, err := c.Show("smtp")
	want := []string{"smtp.host: mail.example.org", "smtp.port: 587", "smtp.username:", "smtp.password_command:", "smtp.password_env:", "smtp.tls:"}
	if err != nil || !slices.Equal(lines, want) {
		t.Errorf("Show(smtp) = %q, %v; want %q", lines, err, want)
	}
	if lines, err := c.Show("imap"); err != nil || len(lines) != 7 || lines[6] != "imap.drafts:" {
		t.Errorf("Show(imap) = %q, %v; want its seven settings, unset", lines, err)
	}
	if _, err := c.Show("smt"); !errors.As(err, new(*KeyError)) {
		t.Errorf("Show(smt): err = %v, want an unknown setting", err)
	}
}
