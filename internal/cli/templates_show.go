package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

type templatesShowOptions struct {
	*globalOptions
	id      string
	variant int
}

func newTemplatesShowCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &templatesShowOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a template's source and a sample reply",
		Long: `Show a template as it is written in its file, with the file and line it
starts on, then a sample reply rendered from it for a made-up requester.
Values the template needs (such as skill) are filled with sample text.`,
		Example: `  decline templates show recommendation/no-business/warm
  decline templates show endorsement/social/brief --variant 2`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("templates show takes one template ID, like recommendation/stranger/warm (see 'decline templates list')")
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			cat, _ := f.LoadCatalog(o.templateDirs)
			var out []string
			for _, c := range templateIDs(cat) {
				if strings.HasPrefix(c, toComplete) {
					out = append(out, c)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.id = args[0]
			return runTemplatesShow(f, o)
		},
	}
	cmd.Flags().IntVar(&o.variant, "variant", 1, "render wording `N` of the template")
	return cmd
}

func runTemplatesShow(f *Factory, o *templatesShowOptions) error {
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	t, ok := cat.Get(o.id)
	if !ok {
		return unknownTemplate(cat, o.id)
	}
	if o.variant < 1 || o.variant > len(t.Variants) {
		return composeError(&compose.VariantError{Template: t.ID, Variant: o.variant, Count: len(t.Variants)})
	}
	src, first, err := entrySource(t)
	if err != nil {
		return err
	}
	sample := lint.Samples[0]
	req := lint.SampleRequest(t, cat.Locale(t.Lang), sample, o.variant, true)
	reply, err := compose.Render(t, req)
	if err != nil {
		return fmt.Errorf("cannot render template %s: %v", t.ID, err)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# %s (%s)\n", t.ID, describeTemplate(t))
	where := fmt.Sprintf("%s:%d", t.File, first)
	if t.Source == catalog.DefaultSource {
		where += " (built into decline; 'decline templates init' copies it for editing)"
	}
	fmt.Fprintf(&b, "# %s\n", where)
	b.WriteString(escapeLines(src))
	fmt.Fprintf(&b, "\n# Sample reply, wording %d of %d, for %s", reply.Variant, len(t.Variants), sample.Name)
	var with []string
	for _, n := range append(append([]string(nil), t.Requires...), t.Optional...) {
		with = append(with, fmt.Sprintf("%s %q", n, req.Values[n]))
	}
	if len(with) > 0 {
		fmt.Fprintf(&b, ", with %s", strings.Join(with, ", "))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Subject: %s\n\n", safetext.Escape(reply.Subject))
	b.WriteString(escapeLines(reply.Body))
	_, err = io.WriteString(f.IO.Out, b.String())
	return err
}

// describeTemplate lists a template's kind, relationship, tone and
// number of wordings, leaving out what a custom template does not set.
func describeTemplate(t *catalog.Template) string {
	var parts []string
	for _, p := range []struct{ name, v string }{{"kind", t.Kind}, {"relationship", t.Relationship}, {"tone", t.Tone}} {
		if p.v != "" {
			parts = append(parts, p.name+" "+p.v)
		}
	}
	n := "1 wording"
	if len(t.Variants) != 1 {
		n = fmt.Sprintf("%d wordings", len(t.Variants))
	}
	return strings.Join(append(parts, n), ", ")
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

func unknownTemplate(cat *catalog.Catalog, id string) error {
	return flagError(reply.UnknownTemplate(cat, id))
}
