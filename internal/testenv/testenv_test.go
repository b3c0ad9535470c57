package testenv

import (
	"strings"
	"testing"
)

type fakeT struct{ skipped, failed string }

func (f *fakeT) Skip(args ...any)  { f.skipped = args[0].(string) }
func (f *fakeT) Fatal(args ...any) { f.failed = args[0].(string) }

func TestMissingSkipsOrFails(t *testing.T) {
	t.Setenv(RequireToolsVar, "")
	var f fakeT
	Missing(&f, "mutt is not installed")
	if f.skipped != "mutt is not installed" || f.failed != "" {
		t.Errorf("without %s: %+v, want a skip", RequireToolsVar, f)
	}
	t.Setenv(RequireToolsVar, "1")
	f = fakeT{}
	Missing(&f, "mutt is not installed")
	if f.skipped != "" || !strings.HasPrefix(f.failed, "mutt is not installed (") {
		t.Errorf("with %s=1: %+v, want a failure", RequireToolsVar, f)
	}
	f = fakeT{}
	if LookPath(&f, "decline-no-such-tool", "skipping"); !strings.HasPrefix(f.failed, "decline-no-such-tool is not installed") {
		t.Errorf("LookPath of a missing tool: %+v", f)
	}
}
