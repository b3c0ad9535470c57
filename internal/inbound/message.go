package inbound

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
)

// MaxSize caps one message, in bytes. Requests are short notes; a
// message this big is an attachment-laden forward or not a request, and
// it is refused before it is read into memory.
const MaxSize = 10 << 20

// Message is what Parse read from one email.
type Message struct {
	// Where locates the message for errors: FILE:LINE in an mbox, the
	// file's path in a Maildir or for ParseFile, empty for Parse.
	Where string
	// From is the first address of the From header, its display name
	// decoded.
	From mail.Address
	// Requester is who the reply goes to: the address of Reply-To (of
	// several, the one that is From's too), or From when there is no
	// Reply-To.
	Requester mail.Address
	// RequesterNote says how Requester was chosen when that is worth
	// telling: Reply-To gave more than one address, From's among them,
	// or it is not the Reply-To or From address a mail client would
	// answer (a mailing list's address was passed over). Empty otherwise.
	RequesterNote string
	// Subject is the decoded Subject, empty when there is none.
	Subject string
	// MessageID is the Message-ID with its angle brackets, such as
	// "<a1b2@mail.example.com>", or empty when the message has none.
	MessageID string
	// InReplyTo and References hold the message identifiers of those
	// headers, each with its angle brackets, in their order.
	InReplyTo  []string
	References []string
	// Date is the Date header, or the zero time when it is missing or
	// does not parse.
	Date time.Time
	// AutoSubmitted reports an Auto-Submitted header other than "no"
	// (RFC 3834): the message was sent by a program, not a person.
	AutoSubmitted bool
	// Text is the message's text in UTF-8 with LF line endings: the first
	// text/plain part that is not an attachment, or the first text/html
	// part converted to plain text when there is no text/plain one.
	// Text is not checked against the text policy; Quote does that.
	Text string
	// TextType is the media type Text came from: "text/plain",
	// "text/html", or empty when the message has no text.
	TextType string
	// RequesterWhy says why Requester is not the Reply-To or From
	// address a mail client would answer (a mailing list's address was
	// passed over), or is empty.
	RequesterWhy string
	// NoRequester says why the person's own address cannot be known
	// (a list that hides it, several From addresses); Requester then
	// holds no address, at most a name. Empty when Requester is known.
	NoRequester string
	// ThreadNote says why the reply is not threaded to the message, or
	// not to all of its thread: an identifier it cannot carry. Empty
	// otherwise.
	ThreadNote string
	// Senders are the From addresses when the message names more than
	// one (in one From header or in several), for a name to choose.
	Senders []mail.Address
}

// TooLargeError reports a message larger than MaxSize.
type TooLargeError struct{}

// Error says how large a message may be.
func (TooLargeError) Error() string {
	return fmt.Sprintf("the message is larger than %d MiB; only requests this size or smaller are read", MaxSize>>20)
}

// HeaderError reports a header whose value a reply cannot use: missing,
// malformed, or refused by the injection policy.
type HeaderError struct {
	Header string // the header's name, such as "From"
	Part   string // what in it, such as "display name"; empty for the whole value
	Reason string // what is wrong, such as "contains a line break (U+000A)"
}

// Error names the header, the part of it and what is wrong.
func (e *HeaderError) Error() string {
	if e.Part == "" {
		return fmt.Sprintf("the %s header %s", e.Header, e.Reason)
	}
	return fmt.Sprintf("the %s header's %s %s", e.Header, e.Part, e.Reason)
}

// LocatedError is an error about one message of a file, mbox or Maildir.
type LocatedError struct {
	Where string // FILE:LINE or a path
	Err   error
}

// Error puts the location before the error.
func (e *LocatedError) Error() string { return e.Where + ": " + e.Err.Error() }

// Unwrap returns the error about the message.
func (e *LocatedError) Unwrap() error { return e.Err }

// CheckHeader applies the injection policy to a decoded header value
// that a reply would carry (a display name, a subject): it must be one
// line of text the safetext policy accepts, and hold no encoded word
// ("=?...?="), since a value that still holds one after decoding was
// encoded twice to smuggle something past a decoder. header and part
// name the value in the error, as in HeaderError.
func CheckHeader(header, part, value string) error {
	if p := safetext.Check(value, false); p != nil {
		return &HeaderError{Header: header, Part: part, Reason: p.Reason}
	}
	if hasEncodedWord(value) {
		return &HeaderError{Header: header, Part: part, Reason: "still holds an RFC 2047 encoded word after decoding"}
	}
	return nil
}

// hasEncodedWord reports whether s holds "=?" followed later by "?=".
func hasEncodedWord(s string) bool {
	i := strings.Index(s, "=?")
	return i >= 0 && strings.Contains(s[i+2:], "?=")
}

// ParseFile reads and parses the message in the file at path, refusing a
// file larger than MaxSize before reading it. Errors are LocatedErrors
// naming the path.
func ParseFile(path string) (*Message, error) {
	m, err := parseFile(path)
	if err != nil {
		return nil, &LocatedError{Where: path, Err: err}
	}
	m.Where = path
	return m, nil
}

func parseFile(path string) (*Message, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hint := 0
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > MaxSize {
			return nil, TooLargeError{}
		}
		hint = int(fi.Size())
	}
	return parse(f, hint)
}

// Parse reads one RFC 5322 message from r, reading at most MaxSize+1
// bytes. It fails with a TooLargeError for a bigger message, a
// HeaderError for a From, Reply-To or Subject header that a reply cannot
// use (a Message-ID, In-Reply-To or References identifier it cannot
// carry is left out, and ThreadNote says so), and a plain error for a
// body it cannot decode.
func Parse(r io.Reader) (*Message, error) {
	hint := 0
	if l, ok := r.(interface{ Len() int }); ok { // bytes.Reader, strings.Reader, bytes.Buffer
		hint = l.Len()
	}
	return parse(r, hint)
}

// parse reads r, hint bytes long when it is not 0, and parses it.
func parse(r io.Reader, hint int) (*Message, error) {
	buf := make([]byte, 0, min(max(hint+1, 16<<10), MaxSize+1))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), MaxSize+1)])
		buf = buf[:len(buf)+n]
		if len(buf) > MaxSize {
			return nil, TooLargeError{}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return parseBytes(buf)
}

func parseBytes(data []byte) (*Message, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the message is empty")
	}
	mh, body, err := splitHeader(data)
	if err != nil {
		return nil, fmt.Errorf("the message's header cannot be read: %s", strings.TrimPrefix(err.Error(), "textproto: "))
	}
	h := mail.Header(mh)
	m := &Message{}
	if m.From, _, err = firstAddress(h, "From"); err != nil {
		return nil, err
	}
	m.Requester = m.From
	// "Reply-To: undisclosed-recipients:;", a group of no addresses,
	// names no one: the reply goes to From.
	replyTo := len(h["Reply-To"]) > 0 && strings.TrimSpace(h.Get("Reply-To")) != "" && !emptyGroup(h.Get("Reply-To"))
	if replyTo {
		if m.Requester, _, err = firstAddress(h, "Reply-To"); err != nil {
			return nil, err
		}
		if all := allAddresses(h, "Reply-To"); len(all) > 1 {
			if err := several(m, h, "Reply-To", all); err != nil {
				return nil, err
			}
		}
		if m.Requester.Name == "" && !robotAddress(m.From.Address) {
			// A bare Reply-To is the sender's other address, most
			// often: the name is From's. A form's or a site's robot
			// ("Website Contact Form <noreply@...>") names nobody.
			m.Requester.Name = m.From.Name
		}
		if m.Requester.Address != "" && !strings.EqualFold(m.Requester.Address, m.From.Address) {
			// Said, so that a reply to an address the sender did not
			// write from is never a surprise.
			m.RequesterNote = "replying to " + m.Requester.Address + " (Reply-To), not to " + m.From.Address + " (From)"
		}
	}
	if err := chooseRequester(h, m, replyTo); err != nil {
		return nil, err
	}
	if m.Subject, err = decodeSubject(h.Get("Subject")); err != nil {
		return nil, err
	}
	// An identifier a reply cannot carry leaves the reply out of the
	// thread, as a message with no Message-ID does; it stops nothing.
	ids, bad := msgIDs("Message-ID", h.Get("Message-ID"))
	if len(bad) > 0 {
		m.ThreadNote = "the Message-ID header holds " + bad[0] + ": the reply is not threaded (no In-Reply-To)"
	} else if len(ids) > 0 {
		m.MessageID = ids[0]
	}
	m.InReplyTo, bad = msgIDs("In-Reply-To", h.Get("In-Reply-To"))
	refBad := bad
	m.References, bad = msgIDs("References", h.Get("References"))
	if refBad = append(refBad, bad...); len(refBad) > 0 && m.ThreadNote == "" {
		m.ThreadNote = "the In-Reply-To or References header holds " + refBad[0] + ": left out of the reply's References"
	}
	if d, err := mail.ParseDate(h.Get("Date")); err == nil {
		m.Date = d
	}
	if a := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); a != "" && !strings.HasPrefix(a, "no") {
		m.AutoSubmitted = true
	}
	m.Text, m.TextType, err = bodyText(h.Get, body)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// wordDecoder decodes RFC 2047 encoded words in any charset decodeCharset
// knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

// headerUTF8 returns a raw header value as UTF-8: RFC 6532 allows UTF-8
// in headers, and a value that is not valid UTF-8 is read as
// Windows-1252, as mail clients do with unlabelled 8-bit headers.
func headerUTF8(v string) string {
	if utf8.ValidString(v) {
		return v
	}
	s, _ := decodeCharset("windows-1252", []byte(v))
	return s
}

// firstAddress parses the first address of an address-list header and
// applies the policy to it; it also returns how many addresses the
// header gives.
func firstAddress(h mail.Header, name string) (mail.Address, int, error) {
	raw := strings.TrimSpace(headerUTF8(h.Get(name)))
	if raw == "" {
		return mail.Address{}, 0, &HeaderError{Header: name, Reason: "is missing; there is no address to reply to"}
	}
	list, err := parseAddressList(raw)
	if err != nil || len(list) == 0 {
		return mail.Address{}, 0, &HeaderError{Header: name, Reason: "is not a list of email addresses " + safetext.Quote(raw)}
	}
	a := *list[0]
	if err := checkAddress(name, a); err != nil {
		return mail.Address{}, 0, err
	}
	return a, len(list), nil
}

// checkAddress applies the policy to an address of the header name.
func checkAddress(name string, a mail.Address) error {
	if err := CheckHeader(name, "display name", a.Name); err != nil {
		return err
	}
	if err := CheckHeader(name, "address", a.Address); err != nil {
		return err
	}
	if err := deliver.CheckAddress(a.Address); err != nil {
		return &HeaderError{Header: name, Part: "address", Reason: safetext.Quote(a.Address) + " cannot be replied to (" + err.Error() + ")"}
	}
	return nil
}

// emptyGroup reports whether an address header is a group with no
// address in it, such as "undisclosed-recipients:;".
func emptyGroup(v string) bool {
	list, err := parseAddressList(strings.TrimSpace(headerUTF8(v)))
	return err == nil && len(list) == 0
}

// encodedWord matches an RFC 2047 encoded word.
var encodedWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=`) })

// parseAddressList parses an address list, decoding the encoded words
// of its display names. An encoded word that holds a comma or another
// special ("=?utf-8?Q?Lee,_Scott?=", as some clients write it) breaks
// the standard parser, which decodes words as it goes: then the words
// are parsed as quoted strings, and decoded after.
func parseAddressList(raw string) ([]*mail.Address, error) {
	p := mail.AddressParser{WordDecoder: wordDecoder}
	list, err := p.ParseList(raw)
	if err == nil || !encodedWord().MatchString(raw) {
		return list, err
	}
	quoted := encodedWord().ReplaceAllStringFunc(raw, func(w string) string { return `"` + w + `"` })
	list, err2 := (&mail.AddressParser{}).ParseList(quoted)
	if err2 != nil {
		return nil, err
	}
	for _, a := range list {
		if !hasEncodedWord(a.Name) {
			continue
		}
		if a.Name, err2 = wordDecoder.DecodeHeader(a.Name); err2 != nil {
			return nil, err
		}
	}
	return list, nil
}

// decodeSubject decodes the encoded words of a Subject and applies the
// policy to the result.
func decodeSubject(raw string) (string, error) {
	raw = headerUTF8(raw)
	s, err := wordDecoder.DecodeHeader(raw)
	if err != nil {
		// An unknown charset: keep the words as they are, for the check
		// below to refuse rather than to guess.
		s = raw
	}
	s = strings.TrimSpace(s)
	if err := CheckHeader("Subject", "", s); err != nil {
		return "", err
	}
	return s, nil
}

// msgIDs returns the message identifiers ("<left@right>") of a Message-ID,
// In-Reply-To or References header, skipping the comments and phrases
// the obsolete syntax (RFC 5322 4.5.4) allows between them: an id in a
// quoted string or a comment (Message-ID: "<c@x>" <d@x>) is words, not
// the id, as mail clients read it. A Message-ID with no angle brackets
// but one token with an '@' (Message-ID: d@x) is that id, as mutt and
// Thunderbird take it. An identifier a reply cannot carry in its
// headers (see deliver.IsMessageID: "<>", a quoted local part, a domain
// literal, a space or a control character) is left out of ids, and
// said in bad, quoted, with what is wrong with it.
func msgIDs(name, v string) (ids, bad []string) {
	add := func(id string) {
		if why := checkMsgID(id); why != "" {
			bad = append(bad, "the message identifier "+safetext.Quote(id)+", which "+why)
			return
		}
		ids = append(ids, id)
	}
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
			i = skipQuoted(v, i)
		case '(':
			i = skipComment(v, i)
		case '<':
			j := strings.IndexByte(v[i:], '>')
			if j < 0 {
				bad = append(bad, "a message identifier with no closing '>'")
				return ids, bad
			}
			add(v[i : i+j+1])
			i += j
		}
	}
	if bare := strings.TrimSpace(v); len(ids) == 0 && len(bad) == 0 && name == "Message-ID" && bare != "" && !strings.ContainsAny(bare, " \t\"()<>") && strings.Contains(bare, "@") {
		add("<" + bare + ">")
	}
	return ids, bad
}

// skipQuoted returns the index of the '"' that closes the quoted string
// opening at v[i], or the last index when none does.
func skipQuoted(v string, i int) int {
	for i++; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(v) - 1
}

// skipComment returns the index of the ')' that closes the comment
// (which may nest, and hold quoted pairs) opening at v[i], or the last
// index when none does.
func skipComment(v string, i int) int {
	depth := 0
	for ; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(v) - 1
}

// checkMsgID says what is wrong with an identifier in angle brackets, or
// returns "".
func checkMsgID(id string) string {
	switch {
	case id == "<>":
		return "is empty"
	case !deliver.IsMessageID(id):
		return "is not of the form <left@right> (letters, digits, dots and RFC 5322 atext)"
	}
	return ""
}

// robotAddress says whether an address's local part is a robot's
// (noreply@, notifications@, mailer-daemon@): its display name is the
// site's or the form's, never the requester's.
func robotAddress(addr string) bool {
	local, _, _ := strings.Cut(strings.ToLower(addr), "@")
	local = strings.NewReplacer("-", "", "_", "", ".", "").Replace(local)
	for _, w := range []string{"noreply", "donotreply", "notification", "mailerdaemon", "bounce", "postmaster"} {
		if strings.Contains(local, w) {
			return true
		}
	}
	return false
}
