package compose

import (
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/jsonenc"
	"github.com/decline-cli/decline/internal/safetext"
)

// The fast path. A template that is only literal text and plain field
// references ({{.Name}}, {{.skill}}) is compiled into segments, and a
// reply is the segments with the values put in: no reflection, no
// template walk, and literals JSON-escaped once. text/template stays the
// reference: the fast path must produce byte for byte what Render
// produces, which a differential test and a fuzz target check, and any
// template it cannot prove that for goes through Render.

// segment is a run of literal text, or a field (field >= 0).
type segment struct {
	lit     string
	litJSON string // lit, JSON-escaped, without quotes
	field   int
}

// textPlan is one template text (a body variant or a subject) as
// segments, with the tidied form for each pattern of empty fields.
type textPlan struct {
	fields []string              // field names, indexed by segment.field
	funcs  []func(string) string // the value function a field goes through, or nil
	uses   []int                 // how often each field appears in raw
	raw    []segment             // the template as written
	rawLit int                   // bytes of literal text in raw
	// maxSize bounds the output before tidying: Check caps every value
	// at safetext.MaxLen bytes.
	maxSize int
	// needsFirst is true when a field prints the first name, which is
	// worked out from the full name.
	needsFirst bool
	tidied     map[uint32][]segment
}

// maxPlanFields bounds the fields a plan may use: markers are letters.
const maxPlanFields = 26

// planOf compiles a parsed template into a plan, or returns nil when the
// template does more than print literals and fields.
func planOf(tmpl *template.Template) *textPlan {
	if tmpl == nil || tmpl.Tree == nil || tmpl.Tree.Root == nil {
		return nil
	}
	p := &textPlan{tidied: map[uint32][]segment{}}
	index := map[string]int{}
	for _, n := range tmpl.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			lit := string(n.Text)
			// Literals go straight out: they must already meet the
			// policy that Render checks output against.
			if safetext.Check(lit, true) != nil || strings.ContainsRune(lit, '\r') {
				return nil
			}
			p.raw = append(p.raw, segment{lit: lit, field: -1})
			p.rawLit += len(lit)
		case *parse.ActionNode:
			field, fn, ok := fieldOf(n.Pipe)
			if !ok {
				return nil
			}
			i, seen := index[fn+"."+field]
			if !seen {
				if len(p.fields) == maxPlanFields {
					return nil
				}
				i = len(p.fields)
				index[fn+"."+field] = i
				p.fields = append(p.fields, field)
				p.funcs = append(p.funcs, catalog.ValueFuncs[fn])
				p.uses = append(p.uses, 0)
				p.needsFirst = p.needsFirst || field == "FirstName" || field == "Addressee"
			}
			p.uses[i]++
			p.raw = append(p.raw, segment{field: i})
		default:
			return nil
		}
	}
	p.maxSize = p.rawLit
	for i, n := range p.uses {
		if p.funcs[i] != nil {
			// A value function returns at most about twice its value.
			p.maxSize += n * (2*safetext.MaxLen + 8)
		} else {
			p.maxSize += n * safetext.MaxLen
		}
	}
	return p
}

// fieldOf reads an action that prints a field, plain ({{.skill}}) or
// through one value function ({{first .contact}}, {{.contact | first}}):
// the field's name and the function's, empty for none.
func fieldOf(pipe *parse.PipeNode) (field, fn string, ok bool) {
	if pipe == nil || len(pipe.Decl) != 0 {
		return "", "", false
	}
	var args []parse.Node
	switch len(pipe.Cmds) {
	case 1:
		args = pipe.Cmds[0].Args
	case 2:
		if len(pipe.Cmds[0].Args) != 1 || len(pipe.Cmds[1].Args) != 1 {
			return "", "", false
		}
		args = []parse.Node{pipe.Cmds[1].Args[0], pipe.Cmds[0].Args[0]}
	default:
		return "", "", false
	}
	if len(args) == 2 {
		id, isID := args[0].(*parse.IdentifierNode)
		if !isID || catalog.ValueFuncs[id.Ident] == nil {
			return "", "", false
		}
		fn, args = id.Ident, args[1:]
	}
	if len(args) != 1 {
		return "", "", false
	}
	f, isField := args[0].(*parse.FieldNode)
	if !isField || len(f.Ident) != 1 {
		return "", "", false
	}
	return f.Ident[0], fn, true
}

// placesNote reports whether the text places the personal line itself.
func (p *textPlan) placesNote() bool { return slices.Contains(p.fields, "Note") }

// value is what a plan's field i prints for a request.
func (p *textPlan) value(i int, t *catalog.Template, req *Request, first string) string {
	v := fieldValue(p.fields[i], t, req, first)
	if f := p.funcs[i]; f != nil {
		return f(v)
	}
	return v
}

// forMask returns the segments whose concatenation equals tidy(output)
// when exactly the fields in mask are empty. Every other value is
// trimmed and single-line, so it behaves in tidy like any word; each
// field is replaced by a marker ("\x00" and a letter, which no literal
// can hold) and the real tidy runs over literals and markers once.
func (p *textPlan) forMask(mask uint32) []segment {
	if segs, ok := p.tidied[mask]; ok {
		return segs
	}
	var b strings.Builder
	for _, s := range p.raw {
		switch {
		case s.field < 0:
			b.WriteString(s.lit)
		case mask&(1<<s.field) == 0:
			b.WriteByte(0)
			b.WriteByte(byte('A' + s.field))
		}
	}
	text := tidy(b.String())
	var segs []segment
	for text != "" {
		i := strings.IndexByte(text, 0)
		if i < 0 {
			segs = append(segs, literal(text))
			break
		}
		if i > 0 {
			segs = append(segs, literal(text[:i]))
		}
		segs = append(segs, segment{field: int(text[i+1] - 'A')})
		text = text[i+2:]
	}
	p.tidied[mask] = segs
	return segs
}

func literal(s string) segment {
	return segment{lit: s, litJSON: string(jsonenc.AppendEscaped(nil, s)), field: -1}
}

// plans are a template's compiled texts; nil entries go through Render.
type plans struct {
	subject *textPlan
	bodies  []*textPlan
	// safe is true when every text has a plan and no request can take
	// one past its cap: then a checked request cannot fail to render.
	// bodiesSafe is the same for the bodies alone.
	safe, bodiesSafe bool
}

// Renderer renders many replies quickly. It gives exactly what Render
// gives; it is meant for batches, and is not safe for concurrent use.
type Renderer struct {
	plans map[*catalog.Template]*plans
	p     Prepared
}

// NewRenderer returns an empty renderer.
func NewRenderer() *Renderer {
	return &Renderer{plans: map[*catalog.Template]*plans{}}
}

// Prepared is a reply ready to be written out. It is valid until the
// next call to Prepare.
type Prepared struct {
	Template  *catalog.Template
	Variant   int
	Name      string
	FirstName string
	Subject   string

	segs  []segment // fast path
	vals  []string
	reply *Reply // slow path
	body  []byte // scratch for Reply
}

// Validate reports the error Render would give for a request, without
// rendering it when the template's plans show it cannot fail: what a
// batch's checking pass needs.
func (r *Renderer) Validate(t *catalog.Template, req *Request) error {
	pl, err := r.plansFor(t, req)
	if err != nil {
		return err
	}
	if pl.safe {
		return nil
	}
	// The same conditions as Prepare's, each worked out only where the
	// plans show it could fail: the variant and the first name cost
	// more than the check of a row.
	if !pl.bodiesSafe {
		variant := req.Variant
		if variant == 0 {
			variant = VariantFor(req.Name, len(t.Variants))
		}
		body := pl.bodies[variant-1]
		// The fast path fails only where its output would pass a cap;
		// then Render gives the error.
		if body == nil || body.maxSize > MaxOutput && rawSize(body, t, req) > MaxOutput {
			_, err := Render(t, req)
			return err
		}
	}
	if pl.subject == nil || pl.subject.maxSize > MaxSubject && rawSize(pl.subject, t, req) > MaxSubject {
		_, err := Render(t, req)
		return err
	}
	return nil
}

// rawSize is the length of a plan's output before tidying.
func rawSize(p *textPlan, t *catalog.Template, req *Request) int {
	size, first := p.rawLit, ""
	if p.needsFirst {
		first = firstNameOf(req)
	}
	for i := range p.fields {
		size += len(p.value(i, t, req, first)) * p.uses[i]
	}
	return size
}

// plansFor checks a request and returns its template's plans.
func (r *Renderer) plansFor(t *catalog.Template, req *Request) (*plans, error) {
	if err := Check(t, req); err != nil {
		return nil, err
	}
	if err := t.Compile(); err != nil {
		return nil, err
	}
	pl := r.plans[t]
	if pl == nil {
		pl = &plans{subject: planOf(t.SubjectTemplate()), bodies: make([]*textPlan, len(t.Variants))}
		pl.bodiesSafe = true
		for i := range t.Variants {
			pl.bodies[i] = planOf(t.Body(i))
			if pl.bodies[i] != nil {
				// A personal line the body does not place is added (by
				// Render) to the body only, never to the subject.
				pl.bodies[i].maxSize += MaxNote*utf8.UTFMax + 3
			}
			pl.bodiesSafe = pl.bodiesSafe && pl.bodies[i] != nil && pl.bodies[i].maxSize <= MaxOutput
		}
		pl.safe = pl.bodiesSafe && pl.subject != nil && pl.subject.maxSize <= MaxSubject
		r.plans[t] = pl
	}
	return pl, nil
}

// Prepare checks a request and renders its reply. Errors are those of
// Render.
func (r *Renderer) Prepare(t *catalog.Template, req *Request) (*Prepared, error) {
	pl, err := r.plansFor(t, req)
	if err != nil {
		return nil, err
	}
	variant := req.Variant
	if variant == 0 {
		variant = VariantFor(req.Name, len(t.Variants))
	}
	body := pl.bodies[variant-1]
	p := &r.p
	*p = Prepared{Template: t, Variant: variant, vals: p.vals[:0], body: p.body}
	if body == nil || pl.subject == nil || req.Note != "" && !body.placesNote() || SignoffMarked(CleanSignoff(req.Signoff)) {
		// A personal line the template does not place is put in by
		// Render, and so is a sign-off with its own mark.
		return r.slow(t, req)
	}
	p.Name, p.FirstName = strings.TrimSpace(req.Name), firstNameOf(req)

	// Body.
	var mask uint32
	size := body.rawLit
	for i := range body.fields {
		v := body.value(i, t, req, p.FirstName)
		if endsInStop(v) {
			return r.slow(t, req) // Render drops a doubled full stop
		}
		p.vals = append(p.vals, v)
		if v == "" {
			mask |= 1 << i
		}
		size += len(v) * body.uses[i]
	}
	if size > MaxOutput {
		return r.slow(t, req) // for Render's own error
	}
	p.segs = body.forMask(mask)

	// Subject: put together, then normalised as Render does.
	var sb strings.Builder
	for _, s := range pl.subject.raw {
		if s.field < 0 {
			sb.WriteString(s.lit)
		} else {
			v := pl.subject.value(s.field, t, req, p.FirstName)
			if endsInStop(v) {
				return r.slow(t, req)
			}
			sb.WriteString(v)
		}
	}
	if sb.Len() > MaxSubject {
		return r.slow(t, req)
	}
	subject := sb.String()
	if needsFields(subject) {
		subject = strings.Join(strings.Fields(subject), " ")
	}
	if subject == "" {
		subject = localeOf(req).Subject(t.Kind)
	}
	p.Subject = subject
	return p, nil
}

func (r *Renderer) slow(t *catalog.Template, req *Request) (*Prepared, error) {
	reply, err := Render(t, req)
	if err != nil {
		return nil, err
	}
	p := &r.p
	*p = Prepared{Template: t, Variant: reply.Variant, Name: reply.Name, FirstName: reply.FirstName,
		Subject: reply.Subject, reply: reply, vals: p.vals[:0], body: p.body}
	return p, nil
}

// needsFields reports whether strings.Fields would change s: anything
// but single ASCII spaces between words. Non-ASCII text is passed on to
// Fields, which knows every kind of space.
func needsFields(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s != ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < ' ' || (c == ' ' && s[i+1] == ' ') {
			return true
		}
	}
	return false
}

// AppendBody appends the body as text.
func (p *Prepared) AppendBody(dst []byte) []byte {
	if p.reply != nil {
		return append(dst, p.reply.Body...)
	}
	for _, s := range p.segs {
		if s.field < 0 {
			dst = append(dst, s.lit...)
		} else {
			dst = append(dst, p.vals[s.field]...)
		}
	}
	return dst
}

// AppendBodyJSON appends the body as the inside of a JSON string.
func (p *Prepared) AppendBodyJSON(dst []byte) []byte {
	if p.reply != nil {
		return jsonenc.AppendEscaped(dst, p.reply.Body)
	}
	for _, s := range p.segs {
		if s.field < 0 {
			dst = append(dst, s.litJSON...)
		} else {
			dst = jsonenc.AppendEscaped(dst, p.vals[s.field])
		}
	}
	return dst
}

// Reply returns the prepared reply as a Reply, for formats that need
// the body as a string.
func (p *Prepared) Reply() *Reply {
	if p.reply != nil {
		return p.reply
	}
	p.body = p.AppendBody(p.body[:0])
	return &Reply{Template: p.Template, Variant: p.Variant, Name: p.Name, FirstName: p.FirstName,
		Subject: p.Subject, Body: string(p.body)}
}
