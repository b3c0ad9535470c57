//go:build linux

package main

import (
	"mime/quotedprintable"
	"strings"
)

// requestMessage is a request for a recommendation as a mail client
// sends it, about 20 KB: multipart/alternative, a text part and a
// quoted-printable HTML part with the inline styles clients add.
func requestMessage() string {
	para := "I hope this finds you well. I am applying for a senior product role and would be grateful for a short recommendation on LinkedIn about our time on the payments project, where we worked on the checkout redesign together. "
	var text strings.Builder
	text.WriteString("Hi Jordan,\n\n")
	for text.Len() < 6500 {
		text.WriteString(para + "\n\n")
	}
	text.WriteString("Thanks so much,\nPriya Natarajan\n")
	var html strings.Builder
	html.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>p { margin: 0 0 1em 0; }</style></head><body><div dir="ltr"><p>Hi Jordan,</p>`)
	for html.Len() < 12500 {
		html.WriteString(`<p style="font-family: Helvetica, Arial, sans-serif; font-size: 14px; color: #222222;">` + para + "</p>\n")
	}
	html.WriteString("<p>Thanks so much,<br>Priya Natarajan</p></div></body></html>\n")
	var qp strings.Builder
	w := quotedprintable.NewWriter(&qp)
	_, err := w.Write([]byte(html.String()))
	check(err)
	check(w.Close())
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	return "From: Priya Natarajan <priya@example.com>\r\n" +
		"To: Jordan Avery <jordan@example.org>\r\n" +
		"Subject: Would you write me a LinkedIn recommendation?\r\n" +
		"Date: Tue, 1 Dec 2026 09:30:00 +0000\r\n" +
		"Message-ID: <request-1@example.com>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
		crlf(text.String()) +
		"\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		crlf(qp.String()) +
		"\r\n--b1--\r\n"
}
