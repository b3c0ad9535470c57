package inbound

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/safetext"
)

// collect runs seq to the end, giving each message's Where and subject,
// or its error.
func collect(seq func(func(*Message, error) bool)) []string {
	var out []string
	seq(func(m *Message, err error) bool {
		if err != nil {
			out = append(out, "error "+err.Error())
		} else {
			out = append(out, m.Where+" "+m.Subject)
		}
		return true
	})
	return out
}

func TestMbox(t *testing.T) {
	path := "testdata/mail/several.mbox"
	got := collect(Read(path))
	want := []string{
		path + ":1 Recommendation on LinkedIn?",
		path + ":39 Re: catching up",
		path + ":66 endorsement?",
		"error " + path + ":77: the From header's display name contains a line break (U+000D)",
		path + ":85 Two small asks",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// >From lines lose one '>', and the request in them is read.
	var third *Message
	i := 0
	for m, err := range Read(path) {
		if i == 2 && err == nil {
			third = m
		}
		i++
	}
	if third == nil {
		t.Fatal("no third message")
	}
	if !strings.Contains(third.Text, "\nFrom what I remember") || !strings.Contains(third.Text, "\n>From the archive") {
		t.Errorf("From_ lines not unescaped:\n%s", third.Text)
	}
	if req := englishRules(t).Detect(third); req.Kind != "endorsement" || req.Values["skill"].Text != "Go" {
		t.Errorf("third message: %+v", req)
	}
}

func TestMboxStopsWhenAsked(t *testing.T) {
	n := 0
	for range Read("testdata/mail/several.mbox") {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("read %d", n)
	}
}

func TestMboxEdges(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"empty", "", ""},
		{"one message, no blank line at the end", "From a@b Sat Jan  1 00:00:00 2000\nFrom: a@example.com\nSubject: one\n\nx\n", "in:1 one"},
		{"CRLF", "From a@b Sat Jan  1 00:00:00 2000\r\nFrom: a@example.com\r\nSubject: one\r\n\r\nx\r\n\r\nFrom b@c Sat Jan  1 00:00:00 2000\r\nFrom: b@example.com\r\nSubject: two\r\n\r\ny\r\n", "in:1 one\nin:7 two"},
		{"From in a body after no blank line stays", "From a@b Sat Jan  1 00:00:00 2000\nFrom: a@example.com\nSubject: one\n\nx\nFrom here on\n", "in:1 one"},
		{"empty message", "From a@b Sat Jan  1 00:00:00 2000\n\nFrom b@c Sat Jan  1 00:00:00 2000\nFrom: b@example.com\nSubject: two\n\ny\n", "error in:1: the message is empty\nin:3 two"},
	} {
		got := strings.Join(collect(ReadStream(strings.NewReader(tt.data), "in")), "\n")
		if tt.name == "empty" {
			// An empty stream is not an mbox: it is one empty message.
			tt.want = "error in: the message is empty"
		}
		if got != tt.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
	got := collect(Mbox(strings.NewReader("From: a@example.com\n\nhi\n"), "in"))
	if len(got) != 1 || got[0] != "error in:1: this is not an mbox: the first line is not a From_ line" {
		t.Errorf("not an mbox: %q", got)
	}
}

func TestMboxTooLarge(t *testing.T) {
	big := "From a@b Sat Jan  1 00:00:00 2000\nFrom: a@example.com\nSubject: big\n\n" +
		strings.Repeat(strings.Repeat("x", 999)+"\n", MaxSize/1000+1) +
		"\nFrom b@c Sat Jan  1 00:00:00 2000\nFrom: b@example.com\nSubject: small\n\ny\n"
	got := collect(ReadStream(strings.NewReader(big), "in"))
	if len(got) != 2 || !strings.HasPrefix(got[0], "error in:1: the message is larger than") || !strings.HasSuffix(got[1], " small") {
		t.Errorf("got %q", got)
	}
	// One line longer than MaxSize is not held whole in memory.
	long := "From a@b Sat Jan  1 00:00:00 2000\nFrom: a@example.com\n\n" + strings.Repeat("y", MaxSize+100) + "\n"
	got = collect(ReadStream(strings.NewReader(long), "in"))
	if len(got) != 1 || !strings.Contains(got[0], "larger than") {
		t.Errorf("long line: %q", got)
	}
}

func TestMaildir(t *testing.T) {
	dir := "testdata/mail/maildir"
	got := collect(Read(dir))
	want := []string{
		filepath.Join(dir, "cur/1733043243.M101P4242.mail.example.com,S=1338") + " Recommendation on LinkedIn?",
		filepath.Join(dir, "new/1733050000.M150P4242.mail.example.com") + " A referral at Globex?",
		filepath.Join(dir, "new/1733140800.M202P4242.mail.example.com,S=561") + " Could you put me in touch with Dana Whitfield?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := collect(Maildir("testdata/mail")); len(got) != 1 || !strings.Contains(got[0], "is not a Maildir") {
		t.Errorf("not a Maildir: %q", got)
	}
	// A broken message is reported at its path, and the rest still come.
	tmp := t.TempDir()
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.Mkdir(filepath.Join(tmp, sub), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("cur/1", "Subject: no sender\n\nhi\n")
	write("new/2", "From: b@example.com\nSubject: fine\n\nhi\n")
	write("tmp/3", "From: c@example.com\nSubject: still being delivered\n\nhi\n")
	write("cur/4:2,ST", "From: d@example.com\nSubject: deleted\n\nhi\n")
	got = collect(Read(tmp))
	if len(got) != 2 || got[0] != "error "+filepath.Join(tmp, "cur/1")+": the From header is missing; there is no address to reply to" || got[1] != filepath.Join(tmp, "new/2")+" fine" {
		t.Errorf("got %q", got)
	}
}

func TestReadErrors(t *testing.T) {
	got := collect(Read("testdata/mail/no-such-file"))
	if len(got) != 1 || !strings.Contains(got[0], "no such file") {
		t.Errorf("got %q", got)
	}
	var le *LocatedError
	for _, err := range Read("testdata/mail/injection-name.eml") {
		if !errors.As(err, &le) || le.Where != "testdata/mail/injection-name.eml" {
			t.Errorf("error %v, want one located at the file", err)
		}
	}
}

// FuzzParse holds Parse's promises for any input: no panic, and what it
// accepts meets the injection policy wherever a reply would carry it.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/mail/*.eml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("From: =?utf-8?b?U2NvdHQNCkJjYzogeA==?= <a@b.c>\n\nx"))
	f.Add([]byte("From: a@b.c\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/html\n\n<p>a<script>b"))
	rules, err := English()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for what, v := range map[string]string{
			"From name": m.From.Name, "From address": m.From.Address,
			"requester name": m.Requester.Name, "requester address": m.Requester.Address,
			"subject": m.Subject, "reply subject": ReplySubject(m.Subject),
		} {
			if err := CheckHeader("X", "", v); err != nil {
				t.Fatalf("%s %q: %v", what, v, err)
			}
		}
		for _, id := range append(append([]string{m.MessageID}, m.InReplyTo...), m.References...) {
			if id != "" && checkMsgID(id) != "" {
				t.Fatalf("message ID %q accepted", id)
			}
		}
		if !utf8.ValidString(m.Text) || strings.Contains(m.Text, "\r") {
			t.Fatalf("text %q is not UTF-8 with LF line ends", m.Text)
		}
		req := rules.Detect(m)
		if p := safetext.Check(req.Name, false); p != nil {
			t.Fatalf("name %q: %v", req.Name, p)
		}
		for k, v := range req.Values {
			if p := safetext.Check(v.Text, false); p != nil {
				t.Fatalf("value %s %q: %v", k, v.Text, p)
			}
		}
		if q, err := Quote(m); err == nil && safetext.Check(q, true) != nil {
			t.Fatalf("quote %q breaks the policy", q)
		}
	})
}

// TestSkippedErrorEscapesName holds a skipped Maildir entry's name to
// escapes: a name is anyone's to choose, and must not reach the terminal
// as control codes.
func TestSkippedErrorEscapesName(t *testing.T) {
	e := &SkippedError{Path: "md/cur/\x1b]2;PWNED\a\x1b[2J:2,S", Mode: os.ModeNamedPipe}
	if got := e.Error(); strings.ContainsAny(got, "\x1b\a") {
		t.Errorf("Error() = %q, holds control characters", got)
	}
}
