// Command decline drafts kind, honest replies to requests for
// recommendations, endorsements, references, referrals, introductions and
// testimonials that you cannot give.
package main

import (
	"os"

	"github.com/decline-cli/decline/internal/cli"
)

func main() { os.Exit(cli.Main()) }
