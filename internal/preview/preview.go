// Package preview shows a template as its author wrote it and as a
// requester would read it: the entry's source, from its file, and a
// sample reply rendered for a made-up requester.
package preview

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

// Value is a value the template declares and the sample text it was
// given.
type Value struct{ Name, Text string }

// Preview is a template's source and a sample reply.
type Preview struct {
	// Source is the template's entry as written in its file, which it
	// starts at line Line.
	Source string
	Line   int
	// Sample is the made-up requester, and Values what the required and
	// optional values were filled with, in the order declared.
	Sample lint.Sample
	Values []Value
	Reply  *compose.Reply
}

// Of previews wording variant (from 1) of t, a template of cat.
// Signer is who signs the sample: the user's own sender, sign-off and
// way of signing brief notes (from their configuration) where set, else
// the sample sender and the tone's sign-off.
type Signer struct{ Sender, Signoff, SignBrief string }

func Of(cat *catalog.Catalog, t *catalog.Template, variant int, by Signer) (*Preview, error) {
	src, first, err := entrySource(t)
	if err != nil {
		return nil, err
	}
	p := &Preview{Source: src, Line: first, Sample: lint.Samples[0]}
	req := lint.SampleRequest(t, cat.Locale(t.Lang), p.Sample, variant, true)
	if by.Sender != "" {
		req.Sender = by.Sender
	}
	if by.Signoff != "" {
		req.Signoff = by.Signoff
	}
	req.SignBrief = by.SignBrief
	if p.Reply, err = compose.Render(t, req); err != nil {
		return nil, fmt.Errorf("cannot render template %s: %v", t.ID, err)
	}
	for _, n := range append(append([]string(nil), t.Requires...), t.Optional...) {
		p.Values = append(p.Values, Value{n, req.Values[n]})
	}
	return p, nil
}

// Describe lists a template's kind, relationship, tone and number of
// wordings, leaving out what a custom template does not set.
func Describe(t *catalog.Template) string {
	var parts []string
	for _, p := range []struct{ name, v string }{{"kind", t.Kind}, {"relationship", t.Relationship}, {"tone", t.Tone}} {
		if p.v != "" {
			parts = append(parts, p.name+" "+p.v)
		}
	}
	return strings.Join(append(parts, plural.N(len(t.Variants), "wording", "wordings")), ", ")
}

// entrySource reads a template's entry as it is written in its file.
func entrySource(t *catalog.Template) (string, int, error) {
	var data []byte
	var err error
	if t.Source == catalog.DefaultSource {
		data, err = fs.ReadFile(templates.FS, strings.TrimPrefix(t.File, "templates/"))
	} else {
		data, err = readCapped(t.File, catalog.MaxFileSize)
	}
	if err != nil {
		return "", 0, fmt.Errorf("cannot read the source of template %s: %v", t.ID, oserr.Cause(err))
	}
	src, first, ok := catalog.EntrySource(data, t.Line)
	if !ok {
		return "", 0, fmt.Errorf("cannot find template %s at %s:%d; has the file changed? (run the command again)", t.ID, t.File, t.Line)
	}
	return src, first, nil
}

func readCapped(name string, max int64) ([]byte, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, max))
}

// Write prints the preview of t: a heading with its id, what it is and
// where it is defined (builtin is added after a default's place), its
// source, then the sample reply, with control characters escaped.
func (p *Preview) Write(w io.Writer, t *catalog.Template, builtin string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (%s)\n", t.ID, Describe(t))
	where := fmt.Sprintf("%s:%d", t.File, p.Line)
	if t.Source == catalog.DefaultSource {
		where += builtin
	}
	fmt.Fprintf(&b, "# %s\n", where)
	b.WriteString(safetext.EscapeLines(p.Source))
	fmt.Fprintf(&b, "\n# Sample reply, wording %d of %d, for %s", p.Reply.Variant, len(t.Variants), p.Sample.Name)
	sep := ", with"
	for _, v := range p.Values {
		fmt.Fprintf(&b, "%s %s %q", sep, v.Name, v.Text)
		sep = ","
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Subject: %s\n\n", safetext.Escape(p.Reply.Subject))
	b.WriteString(safetext.EscapeLines(p.Reply.Body))
	_, err := io.WriteString(w, b.String())
	return err
}
