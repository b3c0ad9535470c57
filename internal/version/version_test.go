package version

import (
	"runtime/debug"
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

func TestDescribe(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}
	for _, c := range []struct {
		name, main, release string
		settings            []debug.BuildSetting
		want                string
	}{
		{"go build in a checkout", "(devel)", "", vcs, "(devel, commit 0123456789ab, 2026-12-01, modified)"},
		{"go build of a tree without git", "(devel)", "", nil, "(devel) built from source with go1.26.0; no commit recorded (not a git checkout, or built with -buildvcs=false)"},
		{"go install @version", "v1.2.3", "", nil, "v1.2.3"},
		{"release", "(devel)", "v1.3.0", vcs[:2], "v1.3.0 (commit 0123456789ab, 2026-12-01)"},
	} {
		info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: c.main}, Settings: c.settings}
		if got := describe(info, c.release); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
