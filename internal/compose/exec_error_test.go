package compose_test

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/compose"
)

// TestRuntimeErrorsSayWhere: a template that fails while it runs was
// reported with Go's internals ("executing \"mine/t\" at <index .Name
// 99>: error calling index: ..."); now as FILE:LINE: template ID: what
// went wrong.
func TestRuntimeErrorsSayWhere(t *testing.T) {
	tm := parseOne(t, "templates:\n  - id: mine/t\n    subject: '{{index .Name 98}}'\n    body: |\n      Hi,\n\n      {{index .Name 99}}\n")
	_, err := compose.Render(tm, &compose.Request{Name: "Ann"})
	if err == nil {
		t.Fatal("rendered")
	}
	msg := err.Error()
	if want := "test.yaml:2: template mine/t subject: index out of range: 98"; msg != want {
		t.Errorf("error = %q, want %q", msg, want)
	}
	for _, internal := range []string{"executing", "error calling", "<"} {
		if strings.Contains(msg, internal) {
			t.Errorf("error %q shows Go internals (%s)", msg, internal)
		}
	}
	tm = parseOne(t, "templates:\n  - id: mine/t\n    body: |\n      Hi,\n\n      {{index .Name 99}}\n")
	if _, err := compose.Render(tm, &compose.Request{Name: "Ann"}); err == nil || err.Error() != "test.yaml:6: template mine/t: index out of range: 99" {
		t.Errorf("body: error = %v", err)
	}
}
