package inbound

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func englishRules(t testing.TB) *Rules {
	t.Helper()
	r, err := English()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFixtures reads each request as a real client sends it and checks
// who it is from, what it asks for and how a reply threads.
func TestFixtures(t *testing.T) {
	rules := englishRules(t)
	tests := []struct {
		file         string
		name         string // Request.Name
		address      string // Request.Address
		subject      string // decoded
		textType     string
		textHas      string // a phrase of the decoded text
		kind         string
		sure         bool // Confidence >= Confident
		values       map[string]string
		notification bool
		replySubject string
		inReplyTo    string
		references   []string
	}{
		{
			file: "gmail-alternative.eml", name: "Scott Lee", address: "scott.lee@gmail.com",
			subject: "Recommendation on LinkedIn?", textType: "text/plain",
			textHas: "Hope you’re doing well! I’m updating", kind: "recommendation", sure: true,
			replySubject: "Re: Recommendation on LinkedIn?",
			inReplyTo:    "<CAF3x8kQz0Lq1m5ZtA=Kp7vW2yX9s+Q@mail.gmail.com>",
			references:   []string{"<CAF3x8kQz0Lq1m5ZtA=Kp7vW2yX9s+Q@mail.gmail.com>"},
		},
		{
			file: "outlook-html.eml", name: "Ngozi Okafor", address: "ngozi.okafor@contoso.com",
			subject: "Reference for the Senior Data Analyst role at Northwind Traders", textType: "text/html",
			textHas: "Hi Pat,\n\nI hope you’re well.", kind: "reference", sure: true,
			values:       map[string]string{"role": "Senior Data Analyst", "company": "Northwind Traders"},
			replySubject: "Re: Reference for the Senior Data Analyst role at Northwind Traders",
			inReplyTo:    "<AM9PR01MB12340A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5@AM9PR01MB1234.eurprd01.prod.exchangelabs.com>",
			references:   []string{"<AM9PR01MB12340A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5@AM9PR01MB1234.eurprd01.prod.exchangelabs.com>"},
		},
		{
			file: "quoted-printable.eml", name: "Priya Raman", address: "priya@example.net",
			subject: "Re: catching up", textType: "text/plain",
			textHas: "could you endorse me for Kubernetes on LinkedIn? I’ve been", kind: "endorsement", sure: true,
			values:       map[string]string{"skill": "Kubernetes"},
			replySubject: "Re: catching up",
			inReplyTo:    "<20261201050000.GA4242@example.net>",
			references: []string{
				"<0b1c2d3e-aaaa-4bbb-8ccc-ddddeeeeffff@example.net>",
				"<4f2a9c1e-77b0-4e51-a0c2-3d9e5b6f7a80@example.com>",
				"<20261201050000.GA4242@example.net>",
			},
		},
		{
			file: "base64.eml", name: "Lena Fischer", address: "lena.fischer@icloud.example",
			subject: "A referral at Globex?", textType: "text/plain",
			textHas: "giving me an internal referral?", kind: "referral", sure: true,
			values:       map[string]string{"role": "Product Designer", "company": "Globex"},
			replySubject: "Re: A referral at Globex?",
			inReplyTo:    "<8E4A1C6B-2F3D-4B7E-9A51-6C0D2E3F4A5B@icloud.example>",
			references:   []string{"<8E4A1C6B-2F3D-4B7E-9A51-6C0D2E3F4A5B@icloud.example>"},
		},
		{
			file: "latin1.eml", name: "Renée Lefèvre", address: "renee.lefevre@example.fr",
			subject: "Introduction à Zoë Martin?", textType: "text/plain",
			textHas: "introduce me to Zoë Martin at Café Lumière? I’d love", kind: "introduction", sure: true,
			values:       map[string]string{"contact": "Zoë Martin", "company": "Café Lumière"},
			replySubject: "Re: Introduction à Zoë Martin?",
			inReplyTo:    "<5f1e2d3c.1a2b3c4d@example.fr>",
			references:   []string{"<5f1e2d3c.1a2b3c4d@example.fr>"},
		},
		{
			file: "encoded-name.eml", name: "José Ñúñez", address: "jose@nunez-books.example",
			subject: "A small favour: a testimonial?", textType: "text/plain",
			textHas: "would love a short testimonial for my bookkeeping business", kind: "testimonial", sure: true,
			values:       map[string]string{"service": "bookkeeping"},
			replySubject: "Re: A small favour: a testimonial?",
			inReplyTo:    "<a7c1e9f0b2d4@nunez-books.example>",
			references:   []string{"<a7c1e9f0b2d4@nunez-books.example>"},
		},
		{
			file: "reply-to.eml", name: "Maria Chen", address: "maria.chen@example.org",
			subject: "Could you put me in touch with Dana Whitfield?", textType: "text/plain",
			textHas: "Could you put me\nin touch", kind: "introduction", sure: true,
			values:       map[string]string{"contact": "Dana Whitfield"},
			replySubject: "Re: Could you put me in touch with Dana Whitfield?",
			inReplyTo:    "<forms.8812.1733140800@acme.example>",
			references:   []string{"<forms.8812.1733140800@acme.example>"},
		},
		{
			file: "linkedin-notification.eml", name: "Scott Lee", address: "",
			subject: "Scott Lee has asked you for a recommendation", textType: "text/plain",
			textHas: "Can you write a recommendation for Scott?", kind: "recommendation", sure: true,
			notification: true,
			replySubject: "Re: Scott Lee has asked you for a recommendation",
			inReplyTo:    "<1234567890.98765.1733137200000@ltx1-app1234.prod.linkedin.com>",
			references:   []string{"<1234567890.98765.1733137200000@ltx1-app1234.prod.linkedin.com>"},
		},
		{
			file: "no-message-id.eml", name: "", address: "sam@example.com",
			subject: "quick one", textType: "text/plain",
			textHas: "endorse my Python skills", kind: "endorsement", sure: true,
			values:       map[string]string{"skill": "Python"},
			replySubject: "Re: quick one",
		},
		{
			file: "ambiguous.eml", name: "Alex Kim", address: "alex.kim@example.com",
			subject: "Quick favour", textType: "text/plain",
			textHas: "maybe a reference", kind: "reference", sure: false,
			replySubject: "Re: Quick favour", inReplyTo: "<amb1@example.com>", references: []string{"<amb1@example.com>"},
		},
		{
			file: "two-requests.eml", name: "Jordan Blake", address: "jordan@example.com",
			subject: "Two small asks", textType: "text/plain",
			textHas: "endorse me for Terraform", kind: "recommendation", sure: false,
			values:       map[string]string{"skill": "Terraform"},
			replySubject: "Re: Two small asks", inReplyTo: "<two1@example.com>", references: []string{"<two1@example.com>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m, err := ParseFile(filepath.Join("testdata/mail", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if m.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tt.subject)
			}
			if m.TextType != tt.textType {
				t.Errorf("TextType = %q, want %q", m.TextType, tt.textType)
			}
			if !strings.Contains(m.Text, tt.textHas) {
				t.Errorf("Text does not hold %q:\n%s", tt.textHas, m.Text)
			}
			if strings.ContainsAny(m.Text, "\r<>") && m.TextType == "text/html" {
				t.Errorf("text from HTML holds a tag or CR:\n%q", m.Text)
			}
			req := rules.Detect(m)
			if req.Name != tt.name || req.Address != tt.address {
				t.Errorf("requester = %q <%s>, want %q <%s>", req.Name, req.Address, tt.name, tt.address)
			}
			if req.Kind != tt.kind || (req.Confidence >= Confident) != tt.sure {
				t.Errorf("kind = %s at %.2f, want %s, sure %v (kinds %+v)", req.Kind, req.Confidence, tt.kind, tt.sure, req.Kinds)
			}
			got := map[string]string{}
			for k, v := range req.Values {
				got[k] = v.Text
			}
			if len(got) != len(tt.values) {
				t.Errorf("values = %v, want %v", got, tt.values)
			}
			for k, want := range tt.values {
				if got[k] != want {
					t.Errorf("value %s = %q, want %q (all: %v)", k, got[k], want, got)
				}
			}
			if req.Notification != tt.notification {
				t.Errorf("Notification = %v (%s), want %v", req.Notification, req.NotificationWhy, tt.notification)
			}
			th, err := ReplyHeaders(m, "Pat Morgan <pat@example.com>")
			if err != nil {
				t.Fatal(err)
			}
			if th.Subject != tt.replySubject || th.InReplyTo != tt.inReplyTo || strings.Join(th.References, " ") != strings.Join(tt.references, " ") {
				t.Errorf("threading = %q %q %q, want %q %q %q", th.Subject, th.InReplyTo, th.References, tt.replySubject, tt.inReplyTo, tt.references)
			}
			if !strings.HasSuffix(th.MessageID, "@example.com>") || !strings.HasPrefix(th.MessageID, "<") {
				t.Errorf("MessageID = %q, want one in example.com", th.MessageID)
			}
		})
	}
}

// TestHeaderInjection holds the policy: a decoded name or subject that
// carries a line break or an encoded word is refused, naming the header.
func TestHeaderInjection(t *testing.T) {
	for _, tt := range []struct{ file, header, part, reason string }{
		{"injection-name.eml", "From", "display name", "line break"},
		{"injection-subject.eml", "Subject", "", "encoded word"},
	} {
		_, err := ParseFile(filepath.Join("testdata/mail", tt.file))
		var he *HeaderError
		if !errors.As(err, &he) || he.Header != tt.header || he.Part != tt.part || !strings.Contains(he.Reason, tt.reason) {
			t.Errorf("%s: error %v, want a HeaderError for %s %s: %s", tt.file, err, tt.header, tt.part, tt.reason)
		}
		if err != nil && !strings.HasPrefix(err.Error(), filepath.Join("testdata/mail", tt.file)+": the "+tt.header+" header") {
			t.Errorf("%s: error %q does not say where and which header", tt.file, err)
		}
	}
	header := func(h string) string {
		return "From: Scott <scott@example.com>\nTo: pat@example.com\nMessage-ID: <a@b.c>\n" + h + "\n\nhello\n"
	}
	for _, tt := range []struct{ name, msg, header string }{
		{"q-encoded CR LF in name", "From: =?utf-8?q?Scott=0D=0ABcc=3A_x=40y=2Ez?= <scott@example.com>\n\nhi\n", "From"},
		{"escape in name", "From: =?utf-8?q?Scott=1B[31m?= <scott@example.com>\n\nhi\n", "From"},
		{"bidi in name", "From: =?utf-8?b?4oCuU2NvdHQ=?= <scott@example.com>\n\nhi\n", "From"},
		{"encoded word in Reply-To name", "From: a@example.com\nReply-To: =?utf-8?b?PT91dGYtOD9xP1g9MEQ/PQ==?= <b@example.com>\n\nhi\n", "Reply-To"},
		{"LF in subject", header("Subject: =?utf-8?q?Hi=0ABcc:_x@y.z?="), "Subject"},
		{"NUL in subject", header("Subject: =?utf-8?q?Hi=00there?="), "Subject"},
		{"unknown charset left encoded", header("Subject: =?x-klingon?q?Hi?="), "Subject"},
		{"no From", "To: pat@example.com\nSubject: hi\n\nhi\n", "From"},
		{"not an address", "From: Scott Lee\n\nhi\n", "From"},
	} {
		_, err := Parse(strings.NewReader(tt.msg))
		var he *HeaderError
		if !errors.As(err, &he) || he.Header != tt.header {
			t.Errorf("%s: error %v, want a HeaderError for %s", tt.name, err, tt.header)
		}
	}
}

func TestCheckHeader(t *testing.T) {
	for _, ok := range []string{"", "Scott Lee", "Zoë Martin", "Re: 50% = done?", "O'Brien"} {
		if err := CheckHeader("Subject", "", ok); err != nil {
			t.Errorf("CheckHeader(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"a\r\nBcc: x", "a\nb", "\x1b[2J", "=?utf-8?q?x?=", "x =?iso-8859-1?b?eA==?= y", "\u202eevil", "a\x00b"} {
		if err := CheckHeader("Subject", "", bad); err == nil {
			t.Errorf("CheckHeader(%q) accepted it", bad)
		}
	}
}

func TestParseBody(t *testing.T) {
	for _, tt := range []struct {
		name, msg, text, textType string
	}{
		{
			"plain with CRLF", "From: a@example.com\r\nSubject: x\r\n\r\nline one\r\nline two\r\n",
			"line one\nline two\n", "text/plain",
		},
		{
			"no Content-Type, unlabelled Latin-1", "From: a@example.com\n\nCaf\xe9 \x93quoted\x94\n",
			"Café “quoted”\n", "text/plain",
		},
		{
			"Latin-1 under a UTF-8 label read as Windows-1252", "From: a@example.com\nContent-Type: text/plain; charset=utf-8\n\ncaf\xe9 \x93na\xefve\x94, Zo\u00eb\n",
			"caf\u00e9 \u201cna\u00efve\u201d, Zo\u00eb\n", "text/plain",
		},
		{
			"Shift_JIS", "From: a@example.com\nContent-Type: text/plain; charset=Shift_JIS\n\n\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd\n",
			"こんにちは\n", "text/plain",
		},
		{
			"ISO-2022-JP is 7-bit and still decoded", "From: a@example.com\nContent-Type: text/plain; charset=iso-2022-jp\n\n\x1b$B$3$s$K$A$O\x1b(B\n",
			"こんにちは\n", "text/plain",
		},
		{
			"KOI8-R base64", "From: a@example.com\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n8NLJ18XU\n",
			"Привет", "text/plain",
		},
		{
			"base64 without padding, with spaces", "From: a@example.com\nContent-Transfer-Encoding: base64\n\naGVsbG8g d29ybGQ\n",
			"hello world", "text/plain",
		},
		{
			"empty plain part gives way to HTML",
			"From: a@example.com\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n\n--b\nContent-Type: text/html\n\n<p>Hello&nbsp;there</p>\n--b--\n",
			"Hello there\n", "text/html",
		},
		{
			"attachment skipped, nested alternative read",
			"From: a@example.com\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: text/plain; name=cv.txt\nContent-Disposition: attachment; filename=cv.txt\n\nMy CV\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/plain; charset=utf-8\n\nThe real text\n--inner--\n--outer--\n",
			"The real text", "text/plain",
		},
		{
			"missing closing boundary after the text",
			"From: a@example.com\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nHello\n--b\nContent-Type: text/html\n\n<p>Hello",
			"Hello", "text/plain",
		},
		{
			"format=flowed with delsp and quotes",
			"From: a@example.com\nContent-Type: text/plain; format=flowed; delsp=yes\n\nOne long  \nline.\n> quoted  \n> on.\n-- \nsig\n",
			"One long line.\n> quoted on.\n-- \nsig\n", "text/plain",
		},
		{
			"no text at all", "From: a@example.com\nContent-Type: image/png\n\nxx\n", "", "",
		},
	} {
		m, err := Parse(strings.NewReader(tt.msg))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(m.Text, tt.text) || (tt.text == "" && m.Text != "") || m.TextType != tt.textType {
			t.Errorf("%s: text %q (%s), want %q (%s)", tt.name, m.Text, m.TextType, tt.text, tt.textType)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ name, msg, want string }{
		{"empty", "\n\n", "the message is empty"},
		{"bad base64", "From: a@example.com\nContent-Transfer-Encoding: base64\n\n!!!!\n", "the text/plain part is not valid base64"},
		{"unknown transfer encoding", "From: a@example.com\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644\n", `the text/plain part uses the transfer encoding "x-uuencode", which cannot be read`},
		{"unknown charset", "From: a@example.com\nContent-Type: text/plain; charset=x-martian\n\n\xe9\n", `the text/plain part is in the charset "x-martian", which cannot be decoded`},
		{"no boundary", "From: a@example.com\nContent-Type: multipart/mixed\n\nx\n", "the message has a multipart part with no boundary"},
		{"header not a header", "From a@example.com\n\nx\n", "the message's header cannot be read"},
	} {
		_, err := Parse(strings.NewReader(tt.msg))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	deep := "Content-Type: text/plain\n\nx\n"
	for i := range 12 {
		b := fmt.Sprint("b", i)
		deep = "Content-Type: multipart/mixed; boundary=" + b + "\n\n--" + b + "\n" + deep + "\n--" + b + "--\n"
	}
	deep = "From: a@example.com\n" + deep
	if _, err := Parse(strings.NewReader(deep)); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("deep nesting: error %v", err)
	}
}

func TestParseTooLarge(t *testing.T) {
	big := "From: a@example.com\n\n" + strings.Repeat("x", MaxSize)
	if _, err := Parse(strings.NewReader(big)); !errors.As(err, new(TooLargeError)) {
		t.Errorf("Parse of %d bytes: %v, want TooLargeError", len(big), err)
	}
	path := filepath.Join(t.TempDir(), "big.eml")
	if err := os.WriteFile(path, []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseFile(path); !errors.As(err, new(TooLargeError)) || !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("ParseFile: %v, want a located TooLargeError", err)
	}
}

func TestParseHeaders(t *testing.T) {
	m, err := Parse(strings.NewReader("From: \"Lee, Scott (Sales)\" <scott@example.com>\n" +
		"Reply-To: \n" +
		"Date: Tue, 1 Dec 2026 09:14:03 -0800\n" +
		"Auto-Submitted: auto-generated\n" +
		"In-Reply-To: <a@example.com> (Scott's message)\n" +
		"References: <root@example.com>\n <a@example.com>\n" +
		"Subject: =?utf-8?q?Caf=C3=A9?= =?utf-8?q?_time?=\n\nhi\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Requester.Address != "scott@example.com" || m.Subject != "Café time" || !m.AutoSubmitted {
		t.Errorf("got %+v", m)
	}
	if want := time.Date(2026, 12, 1, 17, 14, 3, 0, time.UTC); !m.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", m.Date, want)
	}
	if strings.Join(m.InReplyTo, ",") != "<a@example.com>" || strings.Join(m.References, ",") != "<root@example.com>,<a@example.com>" {
		t.Errorf("InReplyTo %v, References %v", m.InReplyTo, m.References)
	}
}

// TestParseRequester checks who a reply goes to, and with what name.
func TestParseRequester(t *testing.T) {
	for _, tt := range []struct {
		name, header, want, note string
	}{
		{"bare Reply-To keeps From's name", "From: Kim Park <kim@x.com>\nReply-To: kim.park@gmail.com\n", `"Kim Park" <kim.park@gmail.com>`, "replying to kim.park@gmail.com (Reply-To), not to kim@x.com (From)"},
		{"a form's Reply-To takes no robot's name", "From: Website Contact Form <noreply@northwind.example>\nReply-To: scott@example.org\n", `<scott@example.org>`, "replying to scott@example.org (Reply-To), not to noreply@northwind.example (From)"},
		{"Reply-To's own name", "From: Kim Park <kim@x.com>\nReply-To: Kim P <kp@x.com>\n", `"Kim P" <kp@x.com>`, "replying to kp@x.com (Reply-To), not to kim@x.com (From)"},
		{"two Reply-To addresses, one From's", "From: Kim Park <kim@x.com>\nReply-To: boss@x.com, KIM@x.com\n", `"Kim Park" <KIM@x.com>`, "Reply-To gives 2 addresses; the reply goes to KIM@x.com, the one that is From's too"},
		{"two Reply-To headers, one From's", "From: Kim Park <kim@x.com>\nReply-To: boss@x.com\nReply-To: kim@x.com\n", `"Kim Park" <kim@x.com>`, "Reply-To gives 2 addresses; the reply goes to kim@x.com, the one that is From's too"},
		{"Reply-To an empty group", "From: Kim Park <kim@x.com>\nReply-To: undisclosed-recipients:;\n", `"Kim Park" <kim@x.com>`, ""},
		{"encoded word with a comma", "From: =?utf-8?Q?Lee,_Scott?= <s@x.com>\n", `"Lee, Scott" <s@x.com>`, ""},
		{"encoded words with a comma, in two", "From: =?utf-8?Q?Lee,?= =?utf-8?Q?_Scott?= <s@x.com>\n", `"Lee, Scott" <s@x.com>`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(strings.NewReader(tt.header + "Subject: hi\n\nhi\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Requester.String(); got != tt.want || m.RequesterNote != tt.note {
				t.Errorf("Requester %s, note %q; want %s, note %q", got, m.RequesterNote, tt.want, tt.note)
			}
		})
	}
}

// TestParseBigPart reads a text part after a header and a part larger
// than one read buffer.
func TestParseBigPart(t *testing.T) {
	pad := strings.Repeat("X-Padding: "+strings.Repeat("p", 60)+"\n", 100)
	msg := "From: a@example.com\nContent-Type: multipart/mixed; boundary=zz\n\npreamble\n--zz\n" + pad +
		"Content-Type: text/plain\n\n" + strings.Repeat("filler line\n", 1000) + "the end\n--zz--\nepilogue\n"
	m, err := Parse(strings.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Text, "filler line\n") || !strings.HasSuffix(m.Text, "the end") {
		t.Errorf("text starts %q, ends %q", m.Text[:20], m.Text[len(m.Text)-20:])
	}
}

// TestParseAdversarial holds Parse and Detect to linear work on inputs
// built to make a careless scanner slow. The bound is far above what
// they take (milliseconds), to fail only on quadratic behaviour.
func TestParseAdversarial(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: reads several MiB")
	}
	rules := englishRules(t)
	n := 1 << 20
	for name, body := range map[string]string{
		"pattern starts":  "\n" + strings.Repeat("for the ", n/8),
		"endorse":         "\n" + strings.Repeat("endorse me for ", n/15),
		"leading slots":   "\n" + strings.Repeat("Scott Lee has asked you for ", n/28),
		"lone <":          "Content-Type: text/html\n\n" + strings.Repeat("<", n),
		"unclosed script": "Content-Type: text/html\n\n" + strings.Repeat("<script></", n/10),
		"unclosed quotes": "Content-Type: text/html\n\n" + strings.Repeat("<p a='", n/6),
		"flowed":          "Content-Type: text/plain; format=flowed\n\n" + strings.Repeat("a \n", n/3),
		"many parts":      "Content-Type: multipart/mixed; boundary=b\n\n" + strings.Repeat("--b\n\n", n/5),
		"many ids":        "References: " + strings.Repeat("<a@b> ", n/6) + "\n\nx",
	} {
		start := time.Now()
		m, err := Parse(strings.NewReader("From: a@example.com\nSubject: x\n" + body))
		if err == nil {
			rules.Detect(m)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v", name, d)
		}
	}
}

func TestDecodeQP(t *testing.T) {
	for in, want := range map[string]string{
		"caf=C3=A9 =e2=80=99":  "café ’",
		"soft=\nbreak":         "softbreak",
		"soft=  \r\nbreak\r\n": "softbreak\n",
		"trailing   \nline":    "trailing\nline",
		"1+1=2, a=b=":          "1+1=2, a=b",
		"=ZZ =4":               "=ZZ =4",
		"=3D=0D=0A":            "=\r\n",
		"":                     "",
	} {
		if got := string(decodeQP([]byte(in))); got != want {
			t.Errorf("decodeQP(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOddMessageIDs reads Message-ID, In-Reply-To and References headers
// as mail clients do: an id in a quoted string or a comment is words,
// and a bare Message-ID with an '@' is the id.
func TestOddMessageIDs(t *testing.T) {
	for _, tt := range []struct{ header, id, refs string }{
		{`Message-ID: "<c@x>" <d@x>`, "<d@x>", ""},
		{`Message-ID: <d@x> (was <c@x>)`, "<d@x>", ""},
		{`Message-ID: (a (nested) <c@x> comment) <d@x>`, "<d@x>", ""},
		{`Message-ID: "a \"<c@x>\" quote" <d@x>`, "<d@x>", ""},
		{`Message-ID: d@x`, "<d@x>", ""},
		{`Message-ID:  d@x  `, "<d@x>", ""},
		{`Message-ID: no id here`, "", ""},
		{`Message-ID: "<c@x>"`, "", ""},
		{"References: \"<c@x>\" <a@x> (<b@x>) <e@x>", "", "<a@x> <e@x>"},
		{"References: a@x", "", ""},
	} {
		m, err := Parse(strings.NewReader("From: a@example.com\n" + tt.header + "\n\nhi\n"))
		if err != nil {
			t.Errorf("%s: %v", tt.header, err)
			continue
		}
		if m.MessageID != tt.id || strings.Join(m.References, " ") != tt.refs {
			t.Errorf("%s: Message-ID %q, References %q; want %q, %q", tt.header, m.MessageID, m.References, tt.id, tt.refs)
		}
	}
}
