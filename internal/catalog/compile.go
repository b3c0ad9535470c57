package catalog

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
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
	tmpl, err := template.New(t.ID).Option("missingkey=error").Parse(src)
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
		p.errorf(line, "%s of %s does not parse: %s", what, t.ID, msg)
		return nil
	}
	if len(tmpl.Templates()) > 1 {
		p.errorf(line, "%s of %s defines named templates, which are not supported", what, t.ID)
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

type fieldRef struct {
	name string
	line int // 1-based, within the template source
}

// fieldsUsed lists the top-level fields a template reads from its data:
// .X where dot is still the data itself. Inside {{with}} and {{range}}
// bodies dot changes, so only their pipelines are examined, and $.X is
// always the data.
func fieldsUsed(tree *parse.Tree) []fieldRef {
	if tree == nil || tree.Root == nil {
		return nil
	}
	var refs []fieldRef
	lineOf := func(n parse.Node) int {
		loc, _ := tree.ErrorContext(n)
		// loc is "name:line:col".
		parts := strings.Split(loc, ":")
		if len(parts) >= 3 {
			if l, err := strconv.Atoi(parts[len(parts)-2]); err == nil {
				return l
			}
		}
		return 1
	}
	var walk func(n parse.Node, dotIsData bool)
	walkPipe := func(pipe *parse.PipeNode, dotIsData bool) {
		if pipe == nil {
			return
		}
		for _, cmd := range pipe.Cmds {
			for _, arg := range cmd.Args {
				walk(arg, dotIsData)
			}
		}
	}
	walk = func(n parse.Node, dotIsData bool) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c, dotIsData)
			}
		case *parse.ActionNode:
			walkPipe(n.Pipe, dotIsData)
		case *parse.FieldNode:
			if dotIsData && len(n.Ident) > 0 {
				refs = append(refs, fieldRef{n.Ident[0], lineOf(n)})
			}
		case *parse.VariableNode:
			if len(n.Ident) > 1 && n.Ident[0] == "$" {
				refs = append(refs, fieldRef{n.Ident[1], lineOf(n)})
			}
		case *parse.ChainNode:
			walk(n.Node, dotIsData)
		case *parse.PipeNode:
			walkPipe(n, dotIsData)
		case *parse.IfNode:
			walkPipe(n.Pipe, dotIsData)
			walk(n.List, dotIsData)
			if n.ElseList != nil {
				walk(n.ElseList, dotIsData)
			}
		case *parse.WithNode:
			walkPipe(n.Pipe, dotIsData)
			walk(n.List, false)
			if n.ElseList != nil {
				walk(n.ElseList, dotIsData)
			}
		case *parse.RangeNode:
			walkPipe(n.Pipe, dotIsData)
			walk(n.List, false)
			if n.ElseList != nil {
				walk(n.ElseList, dotIsData)
			}
		case *parse.TemplateNode:
			walkPipe(n.Pipe, dotIsData)
		}
	}
	walk(tree.Root, true)
	return refs
}
