package version

import (
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	if got := String(); got == "" || strings.ContainsAny(got, "\n") {
		t.Errorf("String() = %q, want one non-empty line", got)
	}
	releaseVersion = "v9.8.7"
	defer func() { releaseVersion = "" }()
	if got := String(); !strings.HasPrefix(got, "v9.8.7") {
		t.Errorf("with a release tag, String() = %q, want it first", got)
	}
}
