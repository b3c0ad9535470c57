// Package compose turns a request and a template into a finished reply.
//
// It owns the template data, the stable choice of a wording, the checks on
// outside text, and the rendering rules: every template executes into a
// capped buffer, and a reply exists only once both subject and body have
// rendered completely.
package compose

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

// MaxOutput caps one rendered body. A reply is a few hundred bytes; a
// template that writes more than this is looping or broken.
const MaxOutput = 64 << 10

// BriefLimit is the length in characters of a LinkedIn connection note,
// which a brief reply, sign-off included, is written to fit.
const BriefLimit = 300

// LongError is a brief reply that, with its names and values filled in,
// is longer than a LinkedIn note holds.
type LongError struct{ Chars int }

func (e *LongError) Error() string {
	return fmt.Sprintf("this brief reply is %d characters, more than the %d a LinkedIn note holds", e.Chars, BriefLimit)
}

// CheckBrief returns a *LongError when body, a brief reply's, is longer
// than BriefLimit characters, counted as a LinkedIn note counts them
// (without the last line break).
func CheckBrief(body string) error {
	if n := utf8.RuneCountInString(strings.TrimSuffix(body, "\n")); n > BriefLimit {
		return &LongError{Chars: n}
	}
	return nil
}

// MaxSubject caps a rendered subject.
const MaxSubject = 998 - len("Subject: ")

// Request is everything a reply is made from, apart from the template.
type Request struct {
	Name      string
	FirstName string // empty: the first word of Name
	Sender    string
	// SignBrief says how a brief note is signed: SignFirst (also when
	// empty) with the sender's first name, SignFull with the full name.
	// Letters are always signed with the full name.
	SignBrief string
	// Note is one sentence of the user's own, placed where the template
	// says ({{.Note}}) or else as a paragraph of its own just before the
	// sign-off. Empty for none.
	Note    string
	Signoff string
	Values  map[string]string // extra values, by name
	Variant int               // 1-based; 0 chooses from the name
	// Locale is the template's language's: it gives the subject of a
	// template that has none. Nil means the default English one.
	Locale *catalog.Locale
}

// localeOf is the request's locale, or the default English one.
func localeOf(r *Request) *catalog.Locale {
	if r.Locale != nil {
		return r.Locale
	}
	return templates.English
}

// How a brief note is signed (Request.SignBrief).
const (
	SignFirst = "first"
	SignFull  = "full"
)

// BriefTone is the tone of short notes, signed as SignBrief says.
const BriefTone = "brief"

// Reply is a rendered reply.
type Reply struct {
	Template  *catalog.Template
	Variant   int // 1-based
	Name      string
	FirstName string
	Subject   string
	Body      string // ends in exactly one newline
}

// FieldError reports a bad outside value, naming the field it came from.
type FieldError struct {
	Field string // "name", "first name", a value name ...
	Value string
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("%s %s", e.Field, e.Msg)
	}
	return fmt.Sprintf("%s %s %s", e.Field, safetext.Quote(e.Value), e.Msg)
}

// MissingError lists required values a request did not give.
type MissingError struct {
	Template string
	Names    []string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("template %s needs a value for %s", e.Template, strings.Join(e.Names, ", "))
}

// VariantError reports a variant number out of range.
type VariantError struct {
	Template string
	Variant  int
	Count    int
}

func (e *VariantError) Error() string {
	if e.Count == 1 {
		return fmt.Sprintf("template %s has one wording; variant %d does not exist (use 1)", e.Template, e.Variant)
	}
	return fmt.Sprintf("template %s has %d wordings; variant %d does not exist (use 1 to %d)", e.Template, e.Count, e.Variant, e.Count)
}

// FirstName guesses what to call someone from their name as a contact
// list or LinkedIn shows it (see names.Rules.First): "Dr. Jane Smith" is
// Jane, "Lee, Scott" is Scott, "JANE SMITH" is Jane, "J. Robert
// Oppenheimer" is Robert. --first-name and a first_name column override
// the guess.
func FirstName(name string) string {
	return templates.English.Names.First(name)
}

// Addressee is what a formal greeting calls someone: title and surname
// when the name carries a title ("Dr. Smith"), else first, the first
// name already worked out.
func Addressee(name, first string) string {
	return addressee(name, first, "", templates.English)
}

// addressee is Addressee, except that a first name the user gave
// (given: --first-name or a first_name column) is what they want the
// requester called, in a formal reply too. A language whose locale says
// so (Locale.FormalFullName) greets someone without a title by full
// name.
func addressee(name, first, given string, loc *catalog.Locale) string {
	if g := strings.TrimSpace(given); g != "" {
		return g
	}
	if f := loc.Names.Formal(name); f != "" {
		return f
	}
	if loc.FormalFullName {
		return loc.Names.Greeting(name, loc.Names.Full(name))
	}
	return first
}

// VariantFor picks a wording (1-based) out of n for a name. The choice
// depends only on the name, ignoring case and spacing, so the same person
// always gets the same wording while different people get different ones.
func VariantFor(name string, n int) int {
	if n <= 1 {
		return 1
	}
	// FNV-1a over the lower-cased words of the name, each followed by a
	// space: the same stream as hashing strings.Fields(strings.ToLower(name))
	// word by word, without allocating.
	const offset, prime = 2166136261, 16777619
	h := uint32(offset)
	inWord := false
	var buf [utf8.UTFMax]byte
	for _, r := range name {
		if r < utf8.RuneSelf {
			// ASCII: the same answers as unicode.ToLower and IsSpace.
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if r == ' ' || '\t' <= r && r <= '\r' {
				if inWord {
					h = (h ^ ' ') * prime
					inWord = false
				}
				continue
			}
			inWord = true
			h = (h ^ uint32(r)) * prime
			continue
		}
		r = unicode.ToLower(r)
		if unicode.IsSpace(r) {
			if inWord {
				h = (h ^ ' ') * prime
				inWord = false
			}
			continue
		}
		inWord = true
		if r < utf8.RuneSelf {
			h = (h ^ uint32(r)) * prime
			continue
		}
		for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
			h = (h ^ uint32(b)) * prime
		}
	}
	if inWord {
		h = (h ^ ' ') * prime
	}
	return int(h%uint32(n)) + 1
}

// Check validates a request's outside text and its values against a
// template, without rendering. It is what a batch's first pass runs.
func Check(t *catalog.Template, r *Request) error {
	if strings.TrimSpace(r.Name) == "" {
		return &FieldError{Field: "name", Msg: "is empty"}
	}
	if r.Note != "" { // no note is always fine
		if err := CheckNote(r.Note); err != nil {
			return err
		}
	}
	if r.SignBrief != "" && r.SignBrief != SignFirst && r.SignBrief != SignFull {
		return &FieldError{Field: "brief signature", Value: r.SignBrief, Msg: "is neither " + SignFirst + " nor " + SignFull}
	}
	// One field after another, in this order, without building a table
	// for every row of a batch.
	if err := checkText("name", r.Name); err != nil {
		return err
	}
	if err := checkText("first name", r.FirstName); err != nil {
		return err
	}
	if err := checkText("sender", r.Sender); err != nil {
		return err
	}
	if err := checkText("sign-off", r.Signoff); err != nil {
		return err
	}
	// Text without a letter is punctuation, not a name: ", ," greeted
	// "Hi ,," and a sign-off of "," printed a lone comma. A sign-off that
	// is given at all must have one, since a blank one leaves the comma.
	if err := needLetter("name", r.Name, "give the person's name", true); err != nil {
		return err
	}
	// "Dr." alone would be greeted "Hi Dr,": a title is no name.
	if localeOf(r).Names.OnlyTitles(r.Name) {
		return &FieldError{Field: "name", Value: r.Name, Msg: `is only a title: give the person's name, such as "Dr. Jane Smith"`}
	}
	if err := needLetter("first name", r.FirstName, "give the name to greet, or leave it out", r.FirstName != "" && strings.TrimSpace(r.FirstName) != ""); err != nil {
		return err
	}
	if err := needLetter("sender", r.Sender, "give your name, or leave it out", r.Sender != "" && strings.TrimSpace(r.Sender) != ""); err != nil {
		return err
	}
	if err := needLetter("sign-off", r.Signoff, `give one such as "Best wishes"`, r.Signoff != ""); err != nil {
		return err
	}
	for _, v := range r.Values {
		if safetext.Check(v, false) != nil {
			// Report the first bad value in name order, whatever the
			// map's order.
			for _, k := range sortedKeys(r.Values) {
				if p := safetext.Check(r.Values[k], false); p != nil {
					return &FieldError{Field: "value " + k, Value: r.Values[k], Msg: p.Reason}
				}
			}
		}
	}
	var missing []string
	for _, name := range t.Requires {
		if strings.TrimSpace(r.Values[name]) == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return &MissingError{Template: t.ID, Names: missing}
	}
	if r.Variant < 0 || r.Variant > len(t.Variants) {
		return &VariantError{Template: t.ID, Variant: r.Variant, Count: len(t.Variants)}
	}
	return nil
}

// Render checks a request and renders the reply.
func Render(t *catalog.Template, r *Request) (*Reply, error) {
	if err := Check(t, r); err != nil {
		return nil, err
	}
	variant := r.Variant
	if variant == 0 {
		variant = VariantFor(r.Name, len(t.Variants))
	}
	if err := t.CompileVariant(variant - 1); err != nil {
		return nil, err
	}
	data := dataFor(t, r)
	var buf bytes.Buffer
	if err := execute(&buf, t.SubjectTemplate(), data, MaxSubject); err != nil {
		return nil, runError(t, " subject", t.Line, err)
	}
	subject := strings.Join(strings.Fields(singleStops(buf.String(), data)), " ")
	if subject == "" {
		subject = localeOf(r).Subject(t.Kind)
	}
	if p := safetext.Check(subject, false); p != nil {
		return nil, fmt.Errorf("template %s: its subject %s", t.ID, p.Reason)
	}
	buf.Reset()
	if err := execute(&buf, t.Body(variant-1), data, MaxOutput); err != nil {
		line := t.Line
		if variant-1 < len(t.VariantLines) {
			line = t.VariantLines[variant-1]
		}
		return nil, runError(t, "", line, err)
	}
	// Outside text was checked above, but a template can make a control
	// character itself ({{printf "%c" 27}}): nothing of the kind leaves.
	if p := safetext.Check(buf.String(), true); p != nil {
		return nil, fmt.Errorf("template %s: its output %s", t.ID, p.Reason)
	}
	body := tidy(singleStops(buf.String(), data))
	if note := data["Note"].(string); note != "" && !usesNote(t.Body(variant-1)) {
		body = placeNote(body, note, data["Signoff"].(string))
	}
	body = markedSignoff(body, data["Signoff"].(string))
	return &Reply{
		Template:  t,
		Variant:   variant,
		Name:      strings.TrimSpace(r.Name),
		FirstName: data["FirstName"].(string),
		Subject:   subject,
		Body:      body,
	}, nil
}

// MaxNote is the most characters a personal line may have: one sentence.
const MaxNote = 300

// checkText applies the outside-text policy to one field of a request.
func checkText(field, value string) error {
	if p := safetext.Check(value, false); p != nil {
		return &FieldError{Field: field, Value: value, Msg: p.Reason}
	}
	return nil
}

// needLetter refuses a given field that holds no letter.
func needLetter(field, value, hint string, given bool) error {
	if given && !safetext.HasLetter(value) {
		return &FieldError{Field: field, Value: value, Msg: "has no letters: " + hint}
	}
	return nil
}

// CheckNote checks a personal line: one line of printable text with a
// letter in it (a line of only "." would end a message for sendmail), at
// most MaxNote characters.
func CheckNote(note string) error {
	if p := safetext.Check(note, false); p != nil {
		return &FieldError{Field: "note", Value: note, Msg: p.Reason + "; a personal line is one sentence on one line"}
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(note)); n > MaxNote {
		return &FieldError{Field: "note", Msg: fmt.Sprintf("is %d characters; a personal line is one sentence of at most %d", n, MaxNote)}
	}
	if strings.TrimSpace(note) != "" && strings.IndexFunc(note, unicode.IsLetter) < 0 {
		return &FieldError{Field: "note", Value: note, Msg: "has no letter in it; a personal line is one sentence of your own words"}
	}
	return nil
}

// NoteText is a personal line as a reply gives it: trimmed, and written
// as a sentence (a capital letter at the start and a full stop at the
// end are added when they are missing). A line that ends in anything but
// a letter or digit (punctuation, a closing bracket or quote, an emoji)
// or in an emoticon ("Cheers :)", "See you :D") already ends as its
// writer meant it.
func NoteText(note string) string {
	note = strings.TrimSpace(note)
	if note == "" {
		return ""
	}
	if c, size := utf8.DecodeRuneInString(note); unicode.IsLower(c) {
		note = string(unicode.ToUpper(c)) + note[size:]
	}
	last, _ := utf8.DecodeLastRuneInString(note)
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) || emoticon().MatchString(note) {
		return note
	}
	return note + "."
}

// emoticon matches a line that ends in an emoticon made of letters
// (":D", ";P", "xD", ":-3"), which takes no full stop.
var emoticon = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|\s)(?:[:;=8][-o^']?[DPpbOo03]|[xX]D)$`)
})

// usesNote reports whether a template places the personal line itself.
func usesNote(tmpl *template.Template) bool {
	found := false
	catalog.Inspect(tmpl.Tree.Root, func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.FieldNode:
			found = found || n.Ident[0] == "Note"
		case *parse.VariableNode:
			found = found || len(n.Ident) > 1 && n.Ident[1] == "Note"
		}
		return !found
	})
	return found
}

// placeNote puts a personal line in a tidied body as a paragraph of its
// own just before the sign-off (the line that starts with signoff among
// the last three), or at the end when there is none.
func placeNote(body, note, signoff string) string {
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	at := len(lines)
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
		if l := lines[i]; signoff != "" && strings.HasPrefix(l, signoff) || signoff == "" && l == "," {
			at = i
			break
		}
	}
	out := make([]string, 0, len(lines)+3)
	out = append(out, lines[:at]...)
	if at > 0 && lines[at-1] != "" {
		out = append(out, "")
	}
	out = append(out, note)
	if at < len(lines) {
		out = append(out, "")
	}
	out = append(out, lines[at:]...)
	return tidy(strings.Join(out, "\n"))
}

// endsInStop reports whether a value ends in a full stop of its own
// ("Globex, Inc.", "Acme Ltd."), after which the template's full stop
// would be one too many. A value that is only stops is left alone.
func endsInStop(v string) bool {
	return strings.HasSuffix(v, ".") && strings.TrimRight(v, ".") != ""
}

// singleStops drops the template's full stop after a value that ends in
// one of its own: "Globex, Inc." then "." gives "Globex, Inc.", not
// "Globex, Inc..". An ellipsis in a value ("etc...") is kept as written.
func singleStops(text string, data map[string]any) string {
	for _, v := range data {
		if s, ok := v.(string); ok && endsInStop(s) {
			text = strings.ReplaceAll(text, s+".", s)
		}
	}
	return text
}

// dataFor builds the template data: the builtins, every declared value
// (optional ones as empty text when not given), and nothing else, so a
// template can never read a value it did not declare.
func dataFor(t *catalog.Template, r *Request) map[string]any {
	first := firstNameOf(r)
	data := make(map[string]any, len(catalog.Builtins)+len(t.Requires)+len(t.Optional))
	for _, names := range [][]string{catalog.Builtins, t.Requires, t.Optional} {
		for _, n := range names {
			data[n] = fieldValue(n, t, r, first)
		}
	}
	return data
}

// fieldValue is the value a template sees for a field: the one place
// that says how each is trimmed, which the fast path relies on to match
// Render byte for byte. first is the first name, worked out once by the
// caller.
func fieldValue(name string, t *catalog.Template, r *Request, first string) string {
	switch name {
	case "Name":
		return strings.TrimSpace(r.Name)
	case "FirstName":
		return first
	case "Addressee":
		return addressee(r.Name, first, r.FirstName, localeOf(r))
	case "Sender":
		if t.Tone == BriefTone && r.SignBrief != SignFull {
			return localeOf(r).Names.First(r.Sender)
		}
		return localeOf(r).Names.Signature(r.Sender)
	case "SenderFull":
		// People do not sign with their own titles: "Dr. Miriam Katz"
		// signs Miriam Katz.
		return localeOf(r).Names.Signature(r.Sender)
	case "SenderFirst":
		return localeOf(r).Names.First(r.Sender)
	case "Signoff":
		return CleanSignoff(r.Signoff)
	case "Note":
		return NoteText(r.Note)
	}
	return strings.TrimSpace(r.Values[name])
}

// Signature is the name a reply is signed with ({{.Sender}}): the
// sender's first name for a brief note unless r.SignBrief is SignFull,
// the full name for a letter.
func Signature(t *catalog.Template, r *Request) string {
	return fieldValue("Sender", t, r, "")
}

// firstNameOf is the name the greeting uses: the first name given, else
// the guess by the name rules of the reply's language, whose titles
// ("Pr", "Madame") are skipped.
func firstNameOf(r *Request) string {
	if first := strings.TrimSpace(r.FirstName); first != "" {
		return first
	}
	names := localeOf(r).Names
	return names.Greeting(r.Name, names.First(r.Name))
}

// FirstNameFor is what a reply calls someone: the first name given, else
// the guess from the full name. Questions asked before a reply is written
// use it too, so that they and the greeting agree.
func FirstNameFor(name, given string) string {
	if first := strings.TrimSpace(given); first != "" {
		return first
	}
	return FirstName(name)
}

// CleanSignoff trims a sign-off and drops a trailing comma, which the
// templates add themselves.
func CleanSignoff(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ", ")
}

// SignoffMarked reports whether a sign-off ends in its own mark
// ("Cheers!", "Thanks."), after which the comma the templates add would
// be wrong.
func SignoffMarked(signoff string) bool {
	return strings.HasSuffix(signoff, "!") || strings.HasSuffix(signoff, "?") ||
		strings.HasSuffix(signoff, ".") || strings.HasSuffix(signoff, "…")
}

// markedSignoff drops the comma after a sign-off that ends in its own
// mark: the line "Cheers!," becomes "Cheers!".
func markedSignoff(body, signoff string) string {
	if !SignoffMarked(signoff) {
		return body
	}
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		if l == signoff+"," {
			lines[i] = signoff
		}
	}
	return strings.Join(lines, "\n")
}

// tidy trims trailing space from every line and ends the text in exactly
// one newline, so that an empty sender leaves no dangling blank line.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n") + "\n"
}

// errTooLong is returned by cappedWriter once the cap is passed.
var errTooLong = errors.New("output is too long")

// ErrOutputTooLong reports a template whose output passed the cap.
var ErrOutputTooLong = errTooLong

type cappedWriter struct {
	buf *bytes.Buffer
	max int
}

func (w *cappedWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.max {
		return 0, fmt.Errorf("%w (more than %d bytes; is the template looping?)", errTooLong, w.max)
	}
	return w.buf.Write(p)
}

// execErr takes a text/template run error apart: "template: ID:LINE:COL:
// executing \"ID\" at <index .Name 99>: error calling index: MSG".
// Compiled on first use: start-up pays for nothing it does not need.
var execErr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^template: [^:]*:(\d+):\d+: executing "[^"]*" at <.*?>: (?:error calling \w+: )?(.*)$`)
})

// runError turns an error from running a part of a template into
// FILE:LINE: template ID: what went wrong, without text/template's
// internals; line is where the part starts in its file. Other errors
// (the output cap) are wrapped as they are.
func runError(t *catalog.Template, part string, line int, err error) error {
	var ee template.ExecError
	if !errors.As(err, &ee) {
		return fmt.Errorf("template %s%s: %w", t.ID, part, err)
	}
	msg := ee.Err.Error()
	if m := execErr().FindStringSubmatch(msg); m != nil {
		if at, convErr := strconv.Atoi(m[1]); convErr == nil && at > 0 {
			line += at - 1
		}
		msg = m[2]
	}
	return &catalog.Error{File: t.File, Line: line, Msg: fmt.Sprintf("template %s%s: %s", t.ID, part, msg)}
}

func execute(buf *bytes.Buffer, tmpl *template.Template, data any, max int) error {
	return tmpl.Execute(&cappedWriter{buf: buf, max: max}, data)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
