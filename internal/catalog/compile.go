package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/decline-cli/decline/internal/names"
	"github.com/decline-cli/decline/internal/safetext"
)

// MaxTemplateSize caps the source of one subject or body.
const MaxTemplateSize = 64 << 10

// templateErrLine finds the line in a text/template error such as
// "template: x:3: unexpected EOF".
// Compiled on first use: start-up pays for nothing it does not need.
var templateErrLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^template: [^:]*:(\d+):(?:\d+:)? ?(.*)$`)
})

// startedAt finds the start of an unclosed action in a parse error.
var startedAt = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.*) started at [^:]*:(\d+)$`)
})

// compile parses the subject and every variant not parsed yet, and
// checks that they use only the fields the template may use.
// subjectLine is where the subject's text starts in the file.
func (p *parser) compile(t *Template, subjectLine int) {
	p.compileSubject(t, subjectLine)
	for i := range t.Variants {
		p.compileBody(t, i)
	}
}

// parts readies the template's record of parsed parts.
func (t *Template) parts() {
	if t.done != nil {
		return
	}
	t.declared = make(map[string]bool, len(t.Requires)+len(t.Optional)+len(Builtins))
	for _, names := range [][]string{Builtins, t.Requires, t.Optional} {
		for _, n := range names {
			t.declared[n] = true
		}
	}
	t.done = make([]bool, len(t.Variants)+1)
	t.partErrs = make([]error, len(t.Variants)+1)
	t.bodies = make([]*template.Template, len(t.Variants))
}

func (p *parser) compileSubject(t *Template, line int) {
	t.parts()
	if t.done[0] {
		return
	}
	before := len(p.errs)
	t.subject = p.compileOne(t, "subject", t.Subject, line, t.declared)
	t.partErrs[0] = ErrorList(p.errs[before:]).err()
	t.done[0] = true
}

func (p *parser) compileBody(t *Template, i int) {
	t.parts()
	if t.done[i+1] {
		return
	}
	what := "body"
	if len(t.Variants) > 1 {
		what = "variant " + strconv.Itoa(i+1)
	}
	before := len(p.errs)
	t.bodies[i] = p.compileOne(t, what, t.Variants[i], t.VariantLines[i], t.declared)
	t.partErrs[i+1] = ErrorList(p.errs[before:]).err()
	t.done[i+1] = true
}

func (p *parser) compileOne(t *Template, what, src string, line int, declared map[string]bool) *template.Template {
	if len(src) > MaxTemplateSize {
		p.errorf(line, "%s of %s is %d bytes, more than the %d allowed", what, t.ID, len(src), MaxTemplateSize)
		return nil
	}
	// Template text is outside text too: whatever a literal holds goes
	// straight into the reply, so it meets the same policy.
	if pr := safetext.Check(src, true); pr != nil {
		p.errorf(line+strings.Count(src[:pr.Offset], "\n"), "%s of %s %s (template text may hold printable characters, tabs and line breaks only)", what, t.ID, pr.Reason)
		return nil
	}
	tmpl, err := template.New(t.ID).Option("missingkey=error").Funcs(funcMap).Parse(src)
	if err != nil {
		msg, at := err.Error(), 0
		if m := templateErrLine().FindStringSubmatch(msg); m != nil {
			at, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		// "unclosed action started at ID:3": the start is the useful line.
		if m := startedAt().FindStringSubmatch(msg); m != nil {
			at, _ = strconv.Atoi(m[2])
			msg = m[1]
		}
		if at > 0 {
			line += at - 1
		}
		if strings.Contains(msg, "bad character U+007D") {
			// "{{.event}": one brace closes nothing.
			msg += " (an action opened with {{ must end with }}, as in {{.FirstName}})"
		}
		p.errorf(line, "%s of %s does not parse: %s", what, t.ID, msg)
		return nil
	}
	if len(tmpl.Templates()) > 1 {
		p.errorf(line, "%s of %s defines named templates, which are not supported", what, t.ID)
		return nil
	}
	if n, msg := refused(tmpl.Tree); n != nil {
		p.errorf(line+lineIn(tmpl.Tree, n)-1, "%s of %s %s", what, t.ID, msg)
		return nil
	}
	for _, ref := range fieldsUsed(tmpl.Tree) {
		if !declared[ref.name] {
			hint := "add it to requires or optional"
			for _, d := range slices.Concat(Builtins, t.Requires, t.Optional) {
				if strings.EqualFold(d, ref.name) {
					hint = "did you mean ." + d + "?"
					break
				}
			}
			p.errorf(line+ref.line-1, "%s of %s uses .%s, which it does not declare (%s)", what, t.ID, ref.name, hint)
		}
	}
	return tmpl
}

// UsedValues returns the extra values (not builtins) that any part of the
// template refers to, sorted.
func (t *Template) UsedValues() []string {
	seen := map[string]bool{}
	if t.Compile() != nil {
		return nil
	}
	parts := append([]*template.Template{t.subject}, t.bodies...)
	for _, tmpl := range parts {
		if tmpl == nil {
			continue
		}
		for _, ref := range fieldsUsed(tmpl.Tree) {
			if !contains(Builtins, ref.name) {
				seen[ref.name] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// lineIn is the line (1-based) of a node within its template's source.
func lineIn(tree *parse.Tree, n parse.Node) int {
	loc, _ := tree.ErrorContext(n)
	// loc is "name:line:col"; the name is an id, which holds no ':'.
	parts := strings.Split(loc, ":")
	if len(parts) >= 3 {
		if l, err := strconv.Atoi(parts[len(parts)-2]); err == nil {
			return l
		}
	}
	return 1
}

// ValueFuncs are the functions of one value that a template may call on
// its values: {{first .contact}} is how a third party is mentioned the
// second time ("Maria Lopez" is Maria; "the head of recruiting at Globex",
// which is not a name, is "the head of recruiting": see names.Rules.Value),
// {{a .role}}
// the value with its article ("an Engineering Manager"). For French,
// {{de .contact}}, {{à .contact}}, {{que .role}}, {{en .service}} and {{chez .company}} are the value
// after that preposition as French writes it: "d’Antoine", "du Crédit
// Agricole", "au ministère", "chez Airbus" but "à la BNP", "en
// comptabilité" but "sur la refonte du site" (see names.De, names.A,
// names.Que, names.En and names.Chez). Each runs in
// time linear in its argument and returns at most about twice its length
// (see package names), so they keep the guarantees of AllowedFuncs. The
// fast renderer in compose calls them directly.
// They read values by the name rules SetNameRules gives: the default
// language's, from its locale file.
var ValueFuncs = map[string]func(string) string{
	"first": func(v string) string { return nameRules.Value(v) },
	"a":     func(v string) string { return nameRules.WithArticle(v) },
	"de":    names.De,
	"à":     names.A,
	"chez":  names.Chez,
	"que":   names.Que,
	"en":    names.En,
}

// nameRules are the rules of ValueFuncs: none until SetNameRules.
var nameRules = &names.Rules{}

// SetNameRules sets the rules {{first}} and {{a}} read values by: the
// built-in default locale's (package templates does, as it starts).
func SetNameRules(r *names.Rules) { nameRules = r }

var funcMap = func() template.FuncMap {
	m := make(template.FuncMap, len(ValueFuncs))
	for name, f := range ValueFuncs {
		m[name] = f
	}
	return m
}()

// AllowedFuncs are the functions a template may call. Each costs time
// and memory in proportion to its arguments, which are values of at most
// safetext.MaxLen bytes or the template's own text. The others are
// refused: printf, print and println can build strings of any size
// before anything is written ({{printf "%999999d" 1}} allocates a
// megabyte, and a variable doubled by each of a few dozen printf calls
// takes all the memory there is); html, js and urlquery grow their input
// the same way; call has nothing to call. first, a, de, à, que, en and chez
// (ValueFuncs) are
// linear and grow a value by a bounded amount, so even nested as deep
// as a template can nest them they stay within a template's size.
var AllowedFuncs = []string{"and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len", "index", "slice", "first", "a", "de", "à", "chez", "que", "en"}

// refused finds the first part of a parsed template that decline will
// not run, and says why: anything that could run without end or take
// unbounded memory, and quoted strings that break the outside-text
// policy ({{"\x1b[2J"}}). What is left (text, fields, variables, if,
// with, else and the AllowedFuncs) executes in one pass over the
// template, in time and memory proportional to its size, and the output
// cap does the rest.
func refused(tree *parse.Tree) (parse.Node, string) {
	if tree == nil {
		return nil, ""
	}
	var found parse.Node
	var msg string
	Inspect(tree.Root, func(n parse.Node) bool {
		if found != nil {
			return false // the first problem is the one reported
		}
		switch n := n.(type) {
		case *parse.RangeNode:
			msg = "uses range, which templates cannot use: a reply has no list to repeat, and a loop could run without end"
		case *parse.TemplateNode:
			msg = "uses {{template}}, which templates cannot use: a template that calls itself never ends"
		case *parse.BreakNode, *parse.ContinueNode:
			msg = "uses break or continue, which only make sense in range"
		case *parse.StringNode:
			if pr := safetext.Check(n.Text, true); pr != nil {
				msg = "has a quoted string that " + pr.Reason
			}
		case *parse.PipeNode:
			// first and a take one value: {{first .contact}}, or
			// {{.contact | first}}.
			for i, cmd := range n.Cmds {
				for j, arg := range cmd.Args {
					id, ok := arg.(*parse.IdentifierNode)
					if !ok || ValueFuncs[id.Ident] == nil {
						continue
					}
					want := 2
					if i > 0 {
						want = 1 // the value comes down the pipe
					}
					if j != 0 || len(cmd.Args) != want {
						found, msg = id, fmt.Sprintf("calls %s with the wrong number of values (write {{%s .name}})", id.Ident, id.Ident)
						return false
					}
					// Its value must be text: a field, a variable, a
					// quoted string or another first or a. {{first 1}}
					// would fail at every reply.
					arg := parse.Node(nil)
					if i == 0 {
						arg = cmd.Args[1]
					} else {
						arg = n.Cmds[i-1]
					}
					if !isText(arg) {
						found, msg = id, fmt.Sprintf("calls %s with %s, which is not text (write {{%s .name}})", id.Ident, safetext.Quote(arg.String()), id.Ident)
						return false
					}
				}
			}
		case *parse.IdentifierNode:
			if !slices.Contains(AllowedFuncs, n.Ident) {
				msg = fmt.Sprintf("calls %s, which templates cannot use (they can call only %s; write a value as {{.Name}})", n.Ident, strings.Join(AllowedFuncs, ", "))
			}
		}
		if msg != "" {
			found = n
		}
		return found == nil
	})
	return found, msg
}

// isText reports whether a template argument is text when the template
// runs: a field or variable (every value is text), a quoted string, or a
// call of first or a, alone or in parentheses.
func isText(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.FieldNode, *parse.VariableNode, *parse.StringNode:
		return true
	case *parse.PipeNode:
		if n == nil || len(n.Decl) > 0 || len(n.Cmds) == 0 {
			return false
		}
		return isText(n.Cmds[len(n.Cmds)-1])
	case *parse.CommandNode:
		if len(n.Args) == 0 {
			return false
		}
		if id, ok := n.Args[0].(*parse.IdentifierNode); ok {
			return ValueFuncs[id.Ident] != nil
		}
		return len(n.Args) == 1 && isText(n.Args[0])
	}
	return false
}

// Inspect calls visit for n and then, if visit returns true, for every
// node under it, depth first, in source order: the lists and branches of
// if, with and range, and the pipelines, commands and arguments of
// actions. It is to a parsed template what go/ast.Inspect is to Go.
func Inspect(n parse.Node, visit func(parse.Node) bool) {
	switch x := n.(type) {
	case nil:
		return
	case *parse.ListNode:
		if x == nil {
			return
		}
	case *parse.PipeNode:
		if x == nil {
			return
		}
	}
	if !visit(n) {
		return
	}
	switch x := n.(type) {
	case *parse.ListNode:
		for _, c := range x.Nodes {
			Inspect(c, visit)
		}
	case *parse.ActionNode:
		Inspect(x.Pipe, visit)
	case *parse.PipeNode:
		for _, c := range x.Cmds {
			Inspect(c, visit)
		}
	case *parse.CommandNode:
		for _, a := range x.Args {
			Inspect(a, visit)
		}
	case *parse.ChainNode:
		Inspect(x.Node, visit)
	case *parse.IfNode:
		inspectBranch(&x.BranchNode, visit)
	case *parse.WithNode:
		inspectBranch(&x.BranchNode, visit)
	case *parse.RangeNode:
		inspectBranch(&x.BranchNode, visit)
	case *parse.TemplateNode:
		Inspect(x.Pipe, visit)
	}
}

func inspectBranch(b *parse.BranchNode, visit func(parse.Node) bool) {
	Inspect(b.Pipe, visit)
	Inspect(b.List, visit)
	Inspect(b.ElseList, visit)
}

type fieldRef struct {
	name string
	line int // 1-based, within the template source
}

// fieldsUsed lists the top-level fields a template reads from its data:
// .X where dot is still the data itself. Inside {{with}} and {{range}}
// bodies dot changes, so only their pipelines are examined, and $.X is
// always the data.
func fieldsUsed(tree *parse.Tree) []fieldRef {
	if tree == nil {
		return nil
	}
	var refs []fieldRef
	var scan func(n parse.Node, dotIsData bool)
	scan = func(n parse.Node, dotIsData bool) {
		Inspect(n, func(n parse.Node) bool {
			switch n := n.(type) {
			case *parse.FieldNode:
				if dotIsData && len(n.Ident) > 0 {
					refs = append(refs, fieldRef{n.Ident[0], lineIn(tree, n)})
				}
			case *parse.VariableNode:
				if len(n.Ident) > 1 && n.Ident[0] == "$" {
					refs = append(refs, fieldRef{n.Ident[1], lineIn(tree, n)})
				}
			case *parse.WithNode:
				scanBody(scan, &n.BranchNode, dotIsData)
				return false
			case *parse.RangeNode:
				scanBody(scan, &n.BranchNode, dotIsData)
				return false
			}
			return true
		})
	}
	scan(tree.Root, true)
	return refs
}

// scanBody scans a with or range: dot is something else in its body.
func scanBody(scan func(parse.Node, bool), b *parse.BranchNode, dotIsData bool) {
	scan(b.Pipe, dotIsData)
	scan(b.List, false)
	scan(b.ElseList, dotIsData)
}
