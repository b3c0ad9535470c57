// Package answer turns a request that arrived by email into what a
// reply needs: who it goes to, what they asked for, the values the
// template takes, and the headers that keep it in the request's thread.
//
// It joins inbound (reading and detection), reply (choosing a template)
// and deliver (the email), and like them knows nothing of commands,
// flags or terminals: what it cannot decide it reports as typed errors,
// and asking is the caller's.
package answer

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/langs"
)

// Close is how near, in confidence, a second kind must come to the best
// one for the message to count as asking for either: then the kind is
// not guessed.
const Close = 0.2

// Answer is one message and what was read from it.
type Answer struct {
	Message *inbound.Message
	Request *inbound.Request
	rules   *inbound.Rules
	// lang is the language the message reads as ("" when not told),
	// and ownRules whether rules of that language read it.
	lang     string
	ownRules bool
	// quoteRules word the attribution line, in the reply's language.
	quoteRules *inbound.Rules
}

// Read detects what m asks for.
func Read(rules *inbound.Rules, m *inbound.Message) *Answer {
	return &Answer{Message: m, Request: rules.Detect(m), rules: rules}
}

// Lang is the language the message is written in, among those whose
// frequent words are given (words, by language; see langs.Detect), and
// false when its subject and text do not tell.
func (a *Answer) Lang(words map[string][]string) (string, bool) {
	return langs.Detect(a.Message.Subject+"\n"+a.Message.Text, words)
}

// Name is the requester's name as the message gives it, or empty.
func (a *Answer) Name() string { return a.Request.Name }

// To is the address the reply goes to, without a name (the reply's
// name, read or given, becomes its display name): empty for a
// notification, which is answered on the network's site.
func (a *Answer) To() string {
	if a.Request.Notification {
		return ""
	}
	return a.Request.Address
}

// Kind returns the kind the message asks for, and false when that is
// not sure enough to use without asking: no rule matched, the best
// kind's confidence is below inbound.Confident, or a second kind comes
// within Close of it.
func (a *Answer) Kind() (string, bool) {
	r := a.Request
	if r.Kind == "" || r.Confidence < inbound.Confident {
		return r.Kind, false
	}
	if len(r.Kinds) > 1 && r.Kinds[1].Confidence >= r.Confidence-Close {
		return r.Kind, false
	}
	return r.Kind, true
}

// UnsureError reports a message whose kind cannot be told without the
// user: Kinds are the candidates, the best first (none when no rule
// matched).
type UnsureError struct {
	Kinds []inbound.KindMatch
	// Lang is the language the message reads as, other than English
	// ("" when English or not told); NoRules is set when decline has no
	// rules for reading requests in it.
	Lang    string
	NoRules bool
}

func (e *UnsureError) Error() string {
	switch {
	case len(e.Kinds) == 0 && e.NoRules:
		return "the message reads as language " + e.Lang + ", and decline does not read what a request in " + e.Lang + " asks for: cannot tell what it asks for"
	case len(e.Kinds) == 0 && e.Lang != "":
		return "cannot tell what the message asks for (it reads as language " + e.Lang + ", and none of that language's phrasings matched)"
	case len(e.Kinds) == 0:
		return "cannot tell what the message asks for"
	}
	var b strings.Builder
	b.WriteString("cannot tell for sure what the message asks for (")
	for i, k := range e.Kinds {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k.Kind)
		b.WriteString(" ")
		b.WriteString(percent(k.Confidence))
	}
	b.WriteString(")")
	return b.String()
}

func percent(f float64) string {
	return strconv.Itoa(int(f*100+0.5)) + "%"
}

// SureKind returns the kind, or an UnsureError.
func (a *Answer) SureKind() (string, error) {
	k, ok := a.Kind()
	if !ok {
		e := &UnsureError{Kinds: a.Request.Kinds}
		if a.lang != "" && a.lang != "en" {
			e.Lang, e.NoRules = a.lang, !a.ownRules
		}
		return "", e
	}
	return k, nil
}

// Values returns the values for template t: those given (they win),
// then those the text states with at least inbound.Confident confidence
// that t takes. Guesses are values the text states with less confidence,
// to offer when asking.
func (a *Answer) Values(t *catalog.Template, given map[string]string) (values, guesses map[string]string) {
	values = make(map[string]string, len(given)+len(a.Request.Values))
	guesses = map[string]string{}
	for name, v := range a.Request.Values {
		if !slices.Contains(t.Requires, name) && !slices.Contains(t.Optional, name) {
			continue
		}
		if v.Confidence >= inbound.Confident {
			values[name] = v.Text
		} else {
			guesses[name] = v.Text
		}
	}
	for k, v := range given {
		values[k] = v
	}
	return values, guesses
}

// Headers returns the email headers of a reply from address (the user's,
// "Pat Morgan <pat@example.com>"; empty when unknown, and the Message-ID
// is then decline's own) and the reply's subject: "Re: " and the
// original's, or empty when the original has none.
func (a *Answer) Headers(address string) (deliver.EMLOptions, string, error) {
	sender := address
	if sender == "" {
		// ReplyHeaders needs a sender for the Message-ID only, which
		// is then left to deliver.
		sender = "nobody@decline.invalid"
	}
	th, err := inbound.ReplyHeaders(a.Message, sender)
	if err != nil {
		return deliver.EMLOptions{}, "", err
	}
	opts := deliver.EMLOptions{From: address, InReplyTo: th.InReplyTo, References: th.References}
	if address != "" {
		opts.MessageID = th.MessageID
	}
	subject := ""
	if strings.TrimSpace(a.Message.Subject) != "" {
		subject = th.Subject
	}
	return opts, subject, nil
}

// Reply builds the reply as deliver sends it: rendered, addressed to
// the requester (none for a notification), in the original's thread,
// with the original quoted below an attribution line when quote is set.
func (a *Answer) Reply(rendered *compose.Reply, address string, quote bool) (*deliver.Message, error) {
	headers, subject, err := a.Headers(address)
	if err != nil {
		return nil, err
	}
	if subject != "" {
		rendered.Subject = subject
	}
	if quote {
		q, err := inbound.Quote(a.Message)
		if err != nil {
			return nil, err
		}
		rules := a.rules
		if a.quoteRules != nil {
			rules = a.quoteRules
		}
		line := rules.Attribution(a.Message)
		if p := inbound.CheckHeader("From", "attribution", line); p != nil {
			return nil, errors.New("cannot quote the original: " + p.Error())
		}
		rendered.Body = strings.TrimRight(rendered.Body, "\n") + "\n\n" + line + "\n" + q
		if !strings.HasSuffix(rendered.Body, "\n") {
			rendered.Body += "\n"
		}
	}
	return &deliver.Message{Reply: rendered, To: a.To(), Headers: headers}, nil
}
