package cli

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/reply"
)

// TestBatchNotes: replies with no sender are noted once on a terminal,
// unless --from "" asked for them or a sender is set.
func TestBatchNotes(t *testing.T) {
	for _, tc := range []struct {
		tty, fromSet bool
		sender       string
		want         int
	}{
		{true, false, "", 1},
		{false, false, "", 0},
		{true, true, "", 0},
		{true, false, "Jo", 0},
	} {
		ios, _, _, errOut := iostreams.Test()
		ios.SetTTY(false, false, tc.tty)
		f := NewFactory(ios, func(string) string { return "" })
		o := &batchOptions{globalOptions: &globalOptions{}}
		o.fromSet = tc.fromSet
		run := &batch.Run{Rows: reply.Rows{Defaults: &reply.Defaults{Sender: tc.sender}}}
		batchNotes(f, o, run)
		if got := strings.Count(errOut.String(), "signed with no name"); got != tc.want {
			t.Errorf("%+v: %q", tc, errOut.String())
		}
	}
}
