// Command mangen writes decline's manual pages, one per command, from the
// cobra command tree, so that they can never disagree with --help; each
// help topic (decline help TOPIC) gets a page in section 7. The pages go
// in DIR/man1 and DIR/man7, the layout man -M DIR and MANPATH expect. It
// is run by `make man`.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/decline-cli/decline/internal/cli"
	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/spf13/cobra/doc"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mangen DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	man1, man7 := filepath.Join(dir, "man1"), filepath.Join(dir, "man7")
	for _, d := range []string{man1, man7} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	ios, _, _, _ := iostreams.Test()
	root := cli.NewRootCmd(cli.NewFactory(ios, os.Getenv))
	root.DisableAutoGenTag = true
	source := "decline " + cli.Version()
	// As cobra does for the command pages: SOURCE_DATE_EPOCH, for
	// reproducible builds, else today.
	date := time.Now()
	if epoch, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		date = time.Unix(epoch, 0).UTC()
	}
	header := &doc.GenManHeader{Title: "DECLINE", Section: "1", Source: source, Manual: "decline manual", Date: &date}
	if err := doc.GenManTree(root, header, man1); err != nil {
		return err
	}
	for _, t := range helptext.Topics {
		name := filepath.Join(man7, "decline-"+t.Name+".7")
		if err := os.WriteFile(name, []byte(topicPage(t, source, date)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// topicPage is a help topic as a manual page. The text is shown as it is
// laid out for the terminal (no filling), since it holds tables and a
// YAML example whose indentation matters.
func topicPage(c helptext.Topic, source string, date time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH \"DECLINE-%s\" \"7\" \"%s\" \"%s\" \"decline manual\"\n", strings.ToUpper(c.Name), date.Format("Jan 2006"), source)
	fmt.Fprintf(&b, ".SH NAME\ndecline-%s \\- %s\n", c.Name, roff(c.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n.B decline help %s\n", c.Name)
	b.WriteString(".SH DESCRIPTION\n.nf\n")
	for _, line := range strings.Split(c.Long, "\n") {
		b.WriteString(roff(line) + "\n")
	}
	b.WriteString(".fi\n.SH SEE ALSO\n.BR decline (1)\n")
	return b.String()
}

// roff escapes a line of text for troff: backslashes, and a leading
// period or apostrophe that would make it a request.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
