// Command mangen writes decline's manual pages, one per command, from the
// cobra command tree, so that they can never disagree with --help. It is
// run by `make man`.
package main

import (
	"fmt"
	"os"

	"github.com/decline-cli/decline/internal/cli"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/spf13/cobra/doc"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mangen DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
	ios, _, _, _ := iostreams.Test()
	root := cli.NewRootCmd(cli.NewFactory(ios, os.Getenv))
	root.DisableAutoGenTag = true
	root.InitDefaultCompletionCmd()
	header := &doc.GenManHeader{Title: "DECLINE", Section: "1", Source: "decline " + cli.Version(), Manual: "decline manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
}
