package answer

import (
	"net/mail"
	"slices"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/langs"
	"github.com/decline-cli/decline/internal/reply"
)

// Asker asks the user for what a message does not say. first is what
// the reply will call the requester, so that questions and greeting
// agree; suggested is the answer to offer first, when there is one.
type Asker interface {
	Name() (string, error)
	Kind(first, relationship, suggested string) (string, error)
	Relationship(first, kind string) (string, error)
	Value(t *catalog.Template, name, first, suggested string) (string, error)
}

// Resolver answers messages: it reads what each asks for, decides the
// template and the values with what the user gave, asks Ask for the
// rest, and writes the reply in the message's thread.
type Resolver struct {
	Rules    *inbound.Rules
	Catalog  *catalog.Catalog
	Defaults *reply.Defaults
	// Named is the template the user named for every message, or nil.
	Named *catalog.Template
	// Name, FirstName and Note are given for every message; an empty
	// Name is read from each.
	Name, FirstName, Note string
	// To is the address the user gave for every reply, or empty: the
	// message's requester then.
	To string
	// Quote quotes the original below the reply.
	Quote bool
	// Ask asks for what is missing; with none, what is missing is a
	// typed error: *NoNameError, *UnsureError, *NoRelationshipError, or
	// a *GivenError holding a *compose.MissingError.
	Ask Asker

	words map[string][]string // the catalog's detection words, by language
}

// New returns a Resolver with the catalog's rules for detecting
// requests, and the template d names, if any, for one message (one) or
// many. What d gives that the catalog refuses is a *GivenError.
func New(cat *catalog.Catalog, d *reply.Defaults, one bool) (*Resolver, error) {
	rules, err := inbound.English()
	if err != nil {
		return nil, err
	}
	r := &Resolver{Rules: rules, Catalog: cat, Defaults: d}
	if r.Named, err = d.Named(cat, one); err != nil {
		return nil, &GivenError{err}
	}
	if r.Named == nil {
		if err := d.CheckRelationship(cat, true); err != nil {
			return nil, &GivenError{err}
		}
	}
	return r, nil
}

// Result is one message answered.
type Result struct {
	Answer   *Answer
	Template *catalog.Template
	Request  *compose.Request
	Message  *deliver.Message
}

// NoNameError is a message that names no requester.
type NoNameError struct{}

func (*NoNameError) Error() string { return "the message gives no name for the requester" }

// Decider is what the user gives to settle an error of the resolver:
// NoNameError, UnsureError, NoRelationshipError and NoAddressError are
// each settled by one field.
type Decider interface {
	error
	Decides() reply.Field
}

// Decides returns reply.FieldName.
func (*NoNameError) Decides() reply.Field { return reply.FieldName }

// Decides returns reply.FieldKind.
func (*UnsureError) Decides() reply.Field { return reply.FieldKind }

// Decides returns reply.FieldRelationship.
func (*NoRelationshipError) Decides() reply.Field { return reply.FieldRelationship }

// Decides returns reply.FieldTo.
func (*NoAddressError) Decides() reply.Field { return reply.FieldTo }

// NoRelationshipError is a reply whose relationship was neither given
// nor asked: it is never read from a message.
type NoRelationshipError struct {
	First         string // what the reply calls the requester
	Relationships []string
}

func (e *NoRelationshipError) Error() string {
	return "how you know " + e.First + " is never guessed"
}

// GivenError is what the user gave (a selector, a value) not fitting the
// message's reply, or a value the reply needs and nobody gave.
type GivenError struct{ Err error }

func (e *GivenError) Error() string { return e.Err.Error() }

func (e *GivenError) Unwrap() error { return e.Err }

// NoAddressError is a message whose writer's own address cannot be
// known (see inbound.Message.NoRequester) and for which none was given.
type NoAddressError struct{ Why string }

func (e *NoAddressError) Error() string {
	return "who to reply to is not guessed: " + e.Why
}

// requester returns m, or a copy of it addressed to the person the
// reply goes to: the address the user gave, or the one sender whose
// name is the name the user gave.
func (r *Resolver) requester(m *inbound.Message) (*inbound.Message, error) {
	if r.To != "" {
		c := *m
		c.Requester = mail.Address{Name: m.Requester.Name, Address: r.To}
		c.NoRequester, c.RequesterNote = "", ""
		return &c, nil
	}
	// A network's notification from "Scott Lee via LinkedIn
	// <messages-noreply@linkedin.com>" is not a mailing list's message:
	// it takes no email, and the reply is text for the site.
	if m.NoRequester == "" || (m.Requester.Address == "" && r.Rules.NoReply(m.From.Address) != "") {
		return m, nil
	}
	if len(m.Senders) > 1 && strings.TrimSpace(r.Name) != "" {
		var match []mail.Address
		for _, s := range m.Senders {
			if namesMatch(r.Name, s.Name) {
				match = append(match, s)
			}
		}
		if len(match) == 1 {
			c := *m
			c.Requester, c.NoRequester = match[0], ""
			c.RequesterNote = "replying to " + match[0].Address + ", the one From address named " + match[0].Name
			return &c, nil
		}
	}
	return nil, &NoAddressError{Why: m.NoRequester}
}

// namesMatch reports whether every word of given is a word of display,
// ignoring case: "Eve" and "eve smith" match "Eve Smith".
func namesMatch(given, display string) bool {
	words := strings.Fields(strings.ToLower(display))
	for _, w := range strings.Fields(strings.ToLower(given)) {
		if !slices.Contains(words, strings.Trim(w, `"',`)) {
			return false
		}
	}
	return len(words) > 0
}

// Resolve answers one message.
func (r *Resolver) Resolve(m *inbound.Message) (*Result, error) {
	m, err := r.requester(m)
	if err != nil {
		return nil, err
	}
	if r.words == nil {
		r.words = reply.DetectWords(r.Catalog)
	}
	a, err := r.Read(m)
	if err != nil {
		return nil, err
	}
	if tp := thirdParty(m.Subject + "\n" + m.Text); tp != nil && strings.TrimSpace(r.Name) == "" && r.Named == nil {
		// Asked for someone else: the user says who the reply is for.
		if r.Ask == nil {
			return nil, tp
		}
		name, err := r.Ask.Name()
		if err != nil {
			return nil, err
		}
		c := *r
		c.Name = name
		r = &c
	}
	d := r.Defaults
	one := &reply.One{Name: reply.FirstNonEmpty(r.Name, a.Name()), FirstName: r.FirstName, Note: r.Note}
	if strings.TrimSpace(one.Name) == "" {
		if r.Ask == nil {
			return nil, &NoNameError{}
		}
		if one.Name, err = r.Ask.Name(); err != nil {
			return nil, err
		}
	}
	first := reply.FirstName(one.Name, one.FirstName)
	if !d.LangGiven() {
		// The reply is in the request's language, unless the user named
		// one for this run.
		one.Lang = a.lang
	}
	t := r.Named
	if t == nil && !d.KindGiven() {
		kind, err := a.SureKind()
		if err != nil {
			if r.Ask == nil {
				return nil, err
			}
			if kind, err = r.Ask.Kind(first, d.Relationship, reply.FirstNonEmpty(a.Request.Kind, d.Kind)); err != nil {
				return nil, err
			}
		}
		one.Kind = kind
	}
	if t == nil && d.Relationship == "" {
		kind := reply.FirstNonEmpty(one.Kind, d.Kind)
		if r.Ask == nil {
			return nil, &NoRelationshipError{First: first, Relationships: r.Catalog.RelationshipsFor(reply.FirstNonEmpty(one.Lang, d.Lang), kind)}
		}
		if one.Relationship, err = r.Ask.Relationship(first, kind); err != nil {
			return nil, err
		}
	}
	if t, err = d.Choose(r.Catalog, t, one); err != nil {
		return nil, &GivenError{err}
	}
	values, guesses := a.Values(t, d.Values)
	one.Values = values
	for _, v := range t.Requires {
		if strings.TrimSpace(values[v]) != "" {
			continue
		}
		if r.Ask == nil {
			return nil, &GivenError{&compose.MissingError{Template: t.ID, Names: []string{v}}}
		}
		if values[v], err = r.Ask.Value(t, v, first, guesses[v]); err != nil {
			return nil, err
		}
	}
	req, err := d.Request(r.Catalog, t, one)
	if err != nil {
		return nil, &GivenError{err}
	}
	msg, err := r.Render(a, t, req)
	if err != nil {
		return nil, err
	}
	return &Result{Answer: a, Template: t, Request: req, Message: msg}, nil
}

// Read detects what m asks for with the rules of the language it is
// written in (English's when that language has none, or none is told).
func (r *Resolver) Read(m *inbound.Message) (*Answer, error) {
	if r.words == nil {
		r.words = reply.DetectWords(r.Catalog)
	}
	lang, _ := langs.Detect(m.Subject+"\n"+m.Text, r.words)
	rules, own, err := inbound.ForLang(lang)
	if err != nil {
		return nil, err
	}
	a := Read(rules, m)
	a.lang, a.ownRules = lang, own
	return a, nil
}

// Rechoose is the template and request for a reply in another
// relationship and tone, of the same kind and language, for a review
// that changes them: the name, the values and the personal line stay.
func (r *Resolver) Rechoose(t *catalog.Template, req *compose.Request, relationship, tone string) (*catalog.Template, *compose.Request, error) {
	one := &reply.One{Name: req.Name, FirstName: req.FirstName, Values: req.Values, Note: req.Note, Lang: t.Lang}
	return r.Defaults.Rechoose(r.Catalog, t.Kind, one, relationship, tone)
}

// Render renders a request for a message's reply (again, when the user
// asks for another wording) and writes it in the message's thread; the
// attribution line above a quoted original is in the reply's language.
func (r *Resolver) Render(a *Answer, t *catalog.Template, req *compose.Request) (*deliver.Message, error) {
	rendered, err := compose.Render(t, req)
	if err != nil {
		return nil, err
	}
	if r.Quote {
		if rules, _, err := inbound.ForLang(t.Lang); err == nil {
			a.quoteRules = rules
		}
	}
	return a.Reply(rendered, r.Defaults.Address, r.Quote)
}

// NotificationError is a message from a network's no-reply address,
// answered on the network's site: a run that writes emails has no reply
// for it.
type NotificationError struct{ Why string }

func (e *NotificationError) Error() string {
	return "a notification from a no-reply address takes no email (" + e.Why + ")"
}

// Email resolves the reply to m as an email, for a run over many
// messages: a notification, which takes none, is a *NotificationError.
func (r *Resolver) Email(m *inbound.Message) (*deliver.Message, error) {
	res, err := r.Resolve(m)
	if err != nil {
		return nil, err
	}
	if res.Answer.Request.Notification {
		return nil, &NotificationError{Why: res.Answer.Request.NotificationWhy}
	}
	return res.Message, nil
}
