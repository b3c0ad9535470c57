// Package version says which build of decline this is, from the build
// information Go records (as gofumpt's internal/version does), or from the
// release tag that `make release` stamps in.
package version

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// releaseVersion is set by `make release` (-ldflags -X) from the git tag;
// other builds take the module version from the build info.
var releaseVersion string

// String describes this build: the module version (as go install
// records it, or the release tag) and, when the build recorded it, the
// commit, its date and whether the tree had changes. A build from a
// source tree records no commit (outside a git checkout, or with
// -buildvcs=false): then it says so, with the Go version, so that a
// report of a bug says where the binary came from.
func String() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown: the binary holds no build information)"
	}
	return describe(info, releaseVersion)
}

func describe(info *debug.BuildInfo, release string) string {
	v := info.Main.Version
	if release != "" {
		v = release
	}
	if v == "" {
		v = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	rev := settings["vcs.revision"]
	if rev == "" {
		if v == "(devel)" {
			return fmt.Sprintf("(devel) built from source with %s; no commit recorded (not a git checkout, or built with -buildvcs=false)", info.GoVersion)
		}
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	parts := []string{"commit " + rev}
	if t := settings["vcs.time"]; len(t) >= 10 {
		parts = append(parts, t[:10])
	}
	if settings["vcs.modified"] == "true" {
		parts = append(parts, "modified")
	}
	if v == "(devel)" {
		// go build in a checkout: the commit is the version.
		return "(devel, " + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprintf("%s (%s)", v, strings.Join(parts, ", "))
}
