// Package deliver turns a rendered reply into what leaves decline: plain
// text, JSON, an email message or a mailto URL, the clipboard, or an
// editor session. It knows nothing of commands or prompts.
package deliver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/decline-cli/decline/internal/compose"
)

// Message is a reply on its way out, with the envelope details that
// only delivery needs.
type Message struct {
	Reply *compose.Reply
	To    string // an address, when given
	// Headers are the email's other headers (From, threading, a fixed
	// Message-ID or Date), for the eml format.
	Headers EMLOptions
}

// Record is the JSON form of a reply, as draft --format json prints it.
// Batch's JSON Lines add Line and Email; RecordEncoder writes the same
// bytes without reflection.
type Record struct {
	Line         int    `json:"line,omitempty"`
	Name         string `json:"name"`
	Email        string `json:"email,omitempty"`
	Kind         string `json:"kind"`
	Relationship string `json:"relationship"`
	Tone         string `json:"tone"`
	Lang         string `json:"lang"`
	Template     string `json:"template"`
	Variant      int    `json:"variant"`
	Subject      string `json:"subject"`
	Body         string `json:"body"`
	To           string `json:"to,omitempty"`
}

// NewRecord fills a record from a message.
func NewRecord(m *Message) Record {
	r := m.Reply
	return Record{
		Name:         r.Name,
		Kind:         r.Template.Kind,
		Relationship: r.Template.Relationship,
		Tone:         r.Template.Tone,
		Lang:         r.Template.Lang,
		Template:     r.Template.ID,
		Variant:      r.Variant,
		Subject:      r.Subject,
		Body:         r.Body,
		To:           m.To,
	}
}

// AppendJSON appends v as one line of JSON, without HTML escaping, so
// that names such as "Smith & Co" stay readable.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	return append(dst, buf.Bytes()...), nil
}

// Render returns the complete bytes of a message in a format. Nothing is
// written until this has succeeded, so an error never leaves half a
// message behind.
func Render(m *Message, format string) ([]byte, error) {
	f, ok := Lookup(format)
	if !ok || f.One == nil {
		return nil, fmt.Errorf("unknown format %q (choose one of: %s)", format, strings.Join(Names(ForOne, DefaultOne), ", "))
	}
	return f.One(m)
}
