package deliver

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/testenv"
)

var fixedDate = time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("", -5*3600))

func newMessage(name, subject, body, to string) *Message {
	return &Message{
		Reply: &compose.Reply{
			Template: &catalog.Template{Spec: catalog.Spec{ID: "recommendation/stranger/warm"}},
			Name:     name,
			Subject:  subject,
			Body:     body,
		},
		To: to,
	}
}

func fixedEML(t *testing.T, m *Message) string {
	t.Helper()
	b, err := EML(m, EMLOptions{Date: fixedDate, MessageID: "fixed.1@example.org"})
	if err != nil {
		t.Fatalf("EML: %v", err)
	}
	return string(b)
}

func TestEMLExact(t *testing.T) {
	tests := []struct {
		name string
		m    *Message
		want string
	}{{
		name: "ascii, short lines: 7bit, name from the reply",
		m:    newMessage("Scott Lee", "About your request", "Hi Scott,\n\nNo, sorry.\n\nAll the best,\nJordan\n", "scott@example.com"),
		want: `Date: Tue, 04 Mar 2025 05:06:07 -0500
To: Scott Lee <scott@example.com>
Subject: About your request
Message-ID: <fixed.1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Hi Scott,

No, sorry.

All the best,
Jordan
`,
	}, {
		name: "non-ascii name and subject, long body line: encoded-words and quoted-printable",
		m:    newMessage("Dr. Ana María Ruiz", "Sobre tu petición", "Hola Ana María,\n\nThis line is long enough that quoted-printable has to fold it with a soft line break.\n", "ana@example.com"),
		want: `Date: Tue, 04 Mar 2025 05:06:07 -0500
To: =?utf-8?q?Dr=2E_Ana_Mar=C3=ADa_Ruiz?= <ana@example.com>
Subject: =?utf-8?q?Sobre_tu_petici=C3=B3n?=
Message-ID: <fixed.1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hola Ana Mar=C3=ADa,

This line is long enough that quoted-printable has to fold it with a soft =
line break.
`,
	}, {
		name: "no To; the address's own display name wins; quoted specials",
		m:    newMessage("Scott", "Re: yours", "Hi.\n", ""),
		want: `Date: Tue, 04 Mar 2025 05:06:07 -0500
Subject: Re: yours
Message-ID: <fixed.1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Hi.
`,
	}, {
		name: "display name with specials is quoted",
		m:    newMessage("Scott", "Hi", "Hi.\n", `"Lee, Scott (Acme)" <scott@example.com>`),
		want: `Date: Tue, 04 Mar 2025 05:06:07 -0500
To: "Lee, Scott (Acme)" <scott@example.com>
Subject: Hi
Message-ID: <fixed.1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Hi.
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fixedEML(t, tt.m); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// parsed is a message as a strict reader sees it.
type parsed struct {
	header          mail.Header
	subject, toName string
	toAddr          string
	body            string
}

// readBack parses an EML output with net/mail and decodes every part the
// way a mail client would, failing the test on anything malformed.
func readBack(t *testing.T, eml []byte) parsed {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(string(eml), "\n"), "\n") {
		if len(line) > 998 {
			t.Fatalf("line %d is %d octets long", i+1, len(line))
		}
		if strings.ContainsAny(line, "\r\x00") {
			t.Fatalf("line %d holds a CR or NUL: %q", i+1, line)
		}
	}
	head, _, _ := bytes.Cut(eml, []byte("\n\n"))
	for i, line := range strings.Split(string(head), "\n") {
		// Only an address, which cannot be folded, may stand alone on a
		// longer line.
		_, rest, _ := strings.Cut(line, "<")
		lone := strings.HasSuffix(rest, ">") && !strings.ContainsAny(rest, " <") && len(line)-len(rest) <= len("From: <")
		if len(line) > maxHeaderLine && !lone {
			t.Errorf("header line %d is %d octets long, more than %d: %q", i+1, len(line), maxHeaderLine, line)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v\n%s", err, eml)
	}
	var p parsed
	p.header = msg.Header
	dec := new(mime.WordDecoder)
	if p.subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("cannot decode the subject: %v", err)
	}
	if to := msg.Header.Get("To"); to != "" {
		a, err := mail.ParseAddress(to)
		if err != nil {
			t.Fatalf("cannot parse To %q: %v", to, err)
		}
		p.toName, p.toAddr = a.Name, a.Address
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type is %q", ct)
	}
	var r io.Reader = msg.Body
	switch cte := msg.Header.Get("Content-Transfer-Encoding"); cte {
	case "7bit":
	case "quoted-printable":
		_, raw, _ := bytes.Cut(eml, []byte("\n\n"))
		for i, line := range strings.Split(string(raw), "\n") {
			if len(line) > maxQPLine {
				t.Errorf("body line %d is %d octets long, more than quoted-printable allows: %q", i+1, len(line), line)
			}
		}
		r = quotedprintable.NewReader(msg.Body)
	default:
		t.Fatalf("Content-Transfer-Encoding is %q", cte)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("cannot decode the body: %v", err)
	}
	p.body = string(body)
	return p
}

func TestEMLReadBack(t *testing.T) {
	long := strings.Repeat("word ", 200)
	tests := []struct {
		name, person, subject, body, to string
		wantName                        string
	}{
		{"plain", "Scott Lee", "About your request", "Hi Scott,\n\nNo.\n", "scott@example.com", "Scott Lee"},
		{"accents", "Zoë Ñúñez", "Über deine Anfrage", "Hallo Zoë,\n\nnein, leider.\n", "zoe@example.de", "Zoë Ñúñez"},
		{"cjk and emoji", "山田 太郎", "推薦のご依頼について 🙏", "山田さん\n\nごめんなさい。\n", "taro@example.jp", "山田 太郎"},
		{"name from the address", "Ignored", "S", "B\n", "Ann O'Neil <ann@example.com>", "Ann O'Neil"},
		{"quotes and backslash", `Sam "The Man" \ Smith`, "S", "B\n", "sam@example.com", `Sam "The Man" \ Smith`},
		{"encoded-word lookalike", "=?utf-8?q?evil?=", "=?utf-8?q?Bcc:_x@y?=", "B\n", "e@example.com", "=?utf-8?q?evil?="},
		{"mbox and smtp traps", "A", "S", "From here on\n.\n..\nend \t\n=3D\n", "", ""},
		{"long subject", "A", strings.TrimSpace(long), "B\n", "", ""},
		{"long word subject", "A", strings.Repeat("x", 900), "B\n", "", ""},
		{"long non-ascii subject", "A", strings.Repeat("é", 490), "B\n", "", ""},
		{"long name", strings.Repeat("Ñame ", 60), "S", "B\n", "n@example.com", strings.TrimSpace(strings.Repeat("Ñame ", 60))},
		{"long ascii name", strings.Repeat("Longname ", 30), "S", "B\n", "n@example.com", strings.TrimSpace(strings.Repeat("Longname ", 30))},
		{"long body line", "A", "S", strings.Repeat("abc=é ", 300) + "\n", "", ""},
		{"crlf body", "A", "S", "one\r\ntwo\r\n", "", ""},
		{"no final newline", "A", "S", "one", "", ""},
		{"spaces kept", "A", "two  spaces   here", "B\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eml := fixedEML(t, newMessage(tt.person, tt.subject, tt.body, tt.to))
			p := readBack(t, []byte(eml))
			if p.subject != tt.subject {
				t.Errorf("subject read back as %q, want %q", p.subject, tt.subject)
			}
			if p.toName != tt.wantName {
				t.Errorf("To name read back as %q, want %q", p.toName, tt.wantName)
			}
			wantBody := strings.ReplaceAll(tt.body, "\r\n", "\n")
			if !strings.HasSuffix(wantBody, "\n") {
				wantBody += "\n"
			}
			if p.body != wantBody {
				t.Errorf("body read back as %q, want %q", p.body, wantBody)
			}
			for _, line := range strings.Split(eml, "\n") {
				if strings.HasPrefix(line, "From ") || line == "." {
					t.Errorf("a line would break an mbox or sendmail -t: %q", line)
				}
			}
		})
	}
}

func TestEMLTransferEncoding(t *testing.T) {
	tests := []struct {
		body, want string
	}{
		{"Hi Scott,\n\nShort lines only.\n", "7bit"},
		{strings.Repeat("x", 78) + "\n", "7bit"},
		{strings.Repeat("x", 79) + "\n", "quoted-printable"},
		{"Olá\n", "quoted-printable"},
		{"trailing space \n", "quoted-printable"},
		{"From the start\n", "quoted-printable"},
		{"a\n.\nb\n", "quoted-printable"},
		{"bell\a\n", "quoted-printable"},
		{"tab\tinside\n", "7bit"},
	}
	for _, tt := range tests {
		eml := fixedEML(t, newMessage("A", "S", tt.body, ""))
		p := readBack(t, []byte(eml))
		if got := p.header.Get("Content-Transfer-Encoding"); got != tt.want {
			t.Errorf("body %q: transfer encoding %s, want %s", tt.body, got, tt.want)
		}
		if p.body != tt.body {
			t.Errorf("body %q read back as %q", tt.body, p.body)
		}
	}
}

// TestEMLInjection tries to smuggle a header through every value that
// reaches one. Each must be refused, naming the field, with no output.
func TestEMLInjection(t *testing.T) {
	breaks := map[string]string{
		"CR":     "\r",
		"LF":     "\n",
		"CRLF":   "\r\n",
		"NUL":    "\x00",
		"U+2028": "\u2028",
		"U+2029": "\u2029",
		"NEL":    "\u0085",
		"ESC":    "\x1b",
		"RLO":    "\u202e",
	}
	for label, br := range breaks {
		evil := "x" + br + "Bcc: victim@example.com"
		cases := []struct {
			field string
			m     *Message
			opts  EMLOptions
		}{
			{"subject", newMessage("A", evil, "B\n", ""), EMLOptions{}},
			{"to name", newMessage(evil, "S", "B\n", "a@example.com"), EMLOptions{}},
			{"to", newMessage("A", "S", "B\n", "a@example.com"+br+"Bcc: victim@example.com"), EMLOptions{}},
			{"to", newMessage("A", "S", "B\n", `"A`+br+`Bcc: v@example.com" <a@example.com>`), EMLOptions{}},
			{"from", newMessage("A", "S", "B\n", ""), EMLOptions{From: "me@example.com" + br + "Bcc: v@example.com"}},
			{"message ID", newMessage("A", "S", "B\n", ""), EMLOptions{MessageID: "a@b" + br + "Bcc: v@example.com"}},
		}
		for _, c := range cases {
			out, err := EML(c.m, c.opts)
			if err == nil {
				t.Errorf("%s in %s: accepted:\n%s", label, c.field, out)
				continue
			}
			if out != nil {
				t.Errorf("%s in %s: output alongside the error", label, c.field)
			}
			if !strings.HasPrefix(err.Error(), c.field+" ") {
				t.Errorf("%s in %s: error %q does not start with the field", label, c.field, err)
			}
			if strings.ContainsAny(err.Error(), "\r\n\x00\x1b\u2028\u2029\u0085\u202e") {
				t.Errorf("%s in %s: error %q carries the character itself", label, c.field, err)
			}
		}
	}
}

// An international domain name is written in its ASCII form, in To and
// From; a local part with other characters is written as it is, as RFC
// 6532 allows (sending it needs a server that offers SMTPUTF8).
func TestEMLInternationalAddresses(t *testing.T) {
	out, err := EML(newMessage("Zoë", "S", "B\n", "josé@Bücher.example"), EMLOptions{From: "Pat <pat@bücher.example>"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nTo: =?utf-8?q?Zo=C3=AB?= <josé@xn--bcher-kva.example>\n", "From: Pat <pat@xn--bcher-kva.example>\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

func TestEMLBadAddresses(t *testing.T) {
	for _, to := range []string{
		"scott",
		"scott@",
		"@example.com",
		"a@example.com, b@example.com",
		"Scott <scott@example.com",
		"a@-bücher.example",
		strings.Repeat("a", 250) + "@example.com",
	} {
		if out, err := EML(newMessage("A", "S", "B\n", to), EMLOptions{}); err == nil {
			t.Errorf("to %q accepted:\n%s", to, out)
		} else if !strings.HasPrefix(err.Error(), "to ") {
			t.Errorf("to %q: error %q does not name the field", to, err)
		}
	}
}

func TestEMLFromAndMessageID(t *testing.T) {
	m := newMessage("Scott", "S", "B\n", "")
	a, err := EML(m, EMLOptions{From: "Jordan Avery <jordan@example.net>"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := EML(m, EMLOptions{From: "jordan@example.net"})
	if err != nil {
		t.Fatal(err)
	}
	pa, pb := readBack(t, a), readBack(t, b)
	if got := pa.header.Get("From"); got != "Jordan Avery <jordan@example.net>" {
		t.Errorf("From is %q", got)
	}
	idA, idB := pa.header.Get("Message-ID"), pb.header.Get("Message-ID")
	if idA == idB {
		t.Errorf("two messages share the Message-ID %s", idA)
	}
	for _, id := range []string{idA, idB} {
		if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.net>") {
			t.Errorf("Message-ID %q does not use the From domain", id)
		}
	}
	if _, err := pa.header.Date(); err != nil {
		t.Errorf("Date does not parse: %v", err)
	}

	n, err := EML(m, EMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if id := readBack(t, n).header.Get("Message-ID"); !strings.HasSuffix(id, "@decline.invalid>") {
		t.Errorf("Message-ID without From is %q", id)
	}
	if _, err := EML(m, EMLOptions{MessageID: "<given@example.org>"}); err != nil {
		t.Errorf("a Message-ID in angle brackets: %v", err)
	}
	for _, bad := range []string{"no-at", "a@", "a b@c", "a@b..c", "<a@b>>"} {
		if _, err := EML(m, EMLOptions{MessageID: bad}); err == nil {
			t.Errorf("Message-ID %q accepted", bad)
		}
	}
}

// TestEMLDeterministic: with a Date and a Message-ID, the same message
// gives the same bytes, as batch output and golden files need.
func TestEMLDeterministic(t *testing.T) {
	m := newMessage("Zoë", "Über", "Hallo\n", "zoe@example.de")
	if a, b := fixedEML(t, m), fixedEML(t, m); a != b {
		t.Errorf("two runs differ:\n%s\n%s", a, b)
	}
}

// TestEMLMutt hands messages to mutt as drafts ("mutt -H") in batch mode,
// with a stand-in for sendmail that keeps what mutt would send, and
// checks that mutt read every header and the body as meant.
func TestEMLMutt(t *testing.T) {
	mutt := testenv.LookPath(t, "mutt", "skipping the mutt -H check")
	dir := t.TempDir()
	sendmail := filepath.Join(dir, "sendmail")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.args\"\nexec cat > \"$0.out\"\n"
	if err := os.WriteFile(sendmail, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*Message{
		newMessage("Scott Lee", "About your request", "Hi Scott,\n\nNo.\n", "scott@example.com"),
		newMessage("Zoë Ñúñez", "Über deine Anfrage — leider nein", "Hallo Zoë,\n\n"+strings.Repeat("lange Zeile ", 20)+"\nFrom me.\n.\n", "Zoë <zoe@example.de>"),
		newMessage("山田 太郎", strings.Repeat("推薦のご依頼について ", 12), "山田さん\n", "taro@example.jp"),
	} {
		eml := fixedEML(t, m)
		draft := filepath.Join(dir, "draft.eml")
		if err := os.WriteFile(draft, []byte(eml), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Remove(sendmail + ".out")
		cmd := exec.Command(mutt, "-n", "-F", "/dev/null",
			"-e", "set sendmail="+sendmail,
			"-e", "set from=me@example.org",
			"-e", "set send_charset=utf-8",
			"-H", draft)
		cmd.Env = append(os.Environ(), "HOME="+dir, "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
		cmd.Stdin = strings.NewReader("")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("mutt -H refused the draft: %v\n%s\n%s", err, out, eml)
		}
		sent, err := os.ReadFile(sendmail + ".out")
		if err != nil {
			t.Fatalf("mutt sent nothing: %v", err)
		}
		args, _ := os.ReadFile(sendmail + ".args")
		orig := readBack(t, []byte(eml))
		msg, err := mail.ReadMessage(bytes.NewReader(sent))
		if err != nil {
			t.Fatalf("cannot read what mutt sent: %v\n%s", err, sent)
		}
		dec := new(mime.WordDecoder)
		subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
		if subject != strings.TrimSpace(m.Reply.Subject) {
			t.Errorf("mutt read the subject as %q, want %q", subject, strings.TrimSpace(m.Reply.Subject))
		}
		to, err := mail.ParseAddress(msg.Header.Get("To"))
		if err != nil || to.Address != orig.toAddr || to.Name != orig.toName {
			t.Errorf("mutt read To as %q (%v), want %q <%s>", msg.Header.Get("To"), err, orig.toName, orig.toAddr)
		}
		if !strings.Contains(string(args), orig.toAddr) {
			t.Errorf("mutt would send to %q, not %s", args, orig.toAddr)
		}
		if got := msg.Header.Get("Message-ID"); got != "<fixed.1@example.org>" {
			t.Errorf("mutt kept Message-ID %q", got)
		}
		var body []byte
		switch msg.Header.Get("Content-Transfer-Encoding") {
		case "quoted-printable":
			body, err = io.ReadAll(quotedprintable.NewReader(msg.Body))
		default:
			body, err = io.ReadAll(msg.Body)
		}
		if err != nil || string(body) != m.Reply.Body {
			t.Errorf("mutt sent the body %q (%v), want %q", body, err, m.Reply.Body)
		}
	}
}

// FuzzEML checks, for any subject, name, address and body, that EML
// either refuses them or writes a message a strict parser reads back
// exactly, with the expected headers and nothing else.
func FuzzEML(f *testing.F) {
	f.Add("Scott Lee", "About your request", "Hi Scott,\n\nNo.\n", "scott@example.com")
	f.Add("Zoë", "Über — ja", "From x\n.\n", "Z <z@example.de>")
	f.Add("A\r\nBcc: x@y", "S\nBcc: y@z", "B", "a@b.c\r\nBcc: q@r")
	f.Add("=?utf-8?q?x?=", "=?utf-8?b?QmNjOiB4?=", "=\n", `"x" <a@b>`)
	f.Add(strings.Repeat("n", 300), strings.Repeat("é ", 400), strings.Repeat("x", 2000), "")
	f.Fuzz(func(t *testing.T, name, subject, body, to string) {
		m := newMessage(name, subject, body, to)
		out, err := EML(m, EMLOptions{Date: fixedDate, MessageID: "f@example.org"})
		if err != nil {
			return
		}
		p := readBack(t, out)
		want := map[string]bool{"Date": true, "Subject": strings.TrimSpace(subject) != "", "Message-Id": true,
			"Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true, "To": to != ""}
		for k := range p.header {
			if !want[k] {
				t.Errorf("unexpected header %q in\n%s", k, out)
			}
		}
		for k, v := range want {
			if v && len(p.header[k]) != 1 {
				t.Errorf("header %s appears %d times", k, len(p.header[k]))
			}
		}
		if p.subject != strings.TrimSpace(subject) {
			t.Errorf("subject %q read back as %q", subject, p.subject)
		}
		wantBody := strings.ReplaceAll(body, "\r\n", "\n")
		if !strings.HasSuffix(wantBody, "\n") {
			wantBody += "\n"
		}
		if utf8.ValidString(body) && p.body != wantBody {
			t.Errorf("body %q read back as %q", wantBody, p.body)
		}
	})
}

// TestEMLThreading: In-Reply-To and References are written as given,
// folded between identifiers, and a value that is not a list of
// identifiers (one carrying a line break above all) is refused.
func TestEMLThreading(t *testing.T) {
	m := newMessage("Scott", "Re: S", "B\n", "scott@example.com")
	refs := []string{"<a@example.com>"}
	for i := range 6 {
		refs = append(refs, fmt.Sprintf("<long-identifier-%d.%s@mail.example.com>", i, strings.Repeat("x", 20)))
	}
	eml, err := EML(m, EMLOptions{InReplyTo: refs[len(refs)-1], References: refs})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	if got := msg.Header.Get("In-Reply-To"); got != refs[len(refs)-1] {
		t.Errorf("In-Reply-To is %q", got)
	}
	if got := strings.Fields(msg.Header.Get("References")); strings.Join(got, " ") != strings.Join(refs, " ") {
		t.Errorf("References is %q", got)
	}
	for _, line := range strings.Split(string(eml), "\n") {
		if len(line) > maxHeaderLine {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
	}
	for _, bad := range []string{"a@b", "<a@b>\r\nBcc: x@y", "<a b@c>", "<a@b> <c@d>"} {
		if _, err := EML(m, EMLOptions{InReplyTo: bad}); err == nil {
			t.Errorf("In-Reply-To %q accepted", bad)
		}
		if _, err := EML(m, EMLOptions{References: []string{"<ok@x>", bad}}); err == nil {
			t.Errorf("References %q accepted", bad)
		}
	}
}
