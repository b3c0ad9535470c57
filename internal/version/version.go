// Package version says which build of decline this is, from the build
// information Go records (as gofumpt's internal/version does), or from the
// release tag that `make release` stamps in.
package version

import (
	"fmt"
	"runtime/debug"
)

// releaseVersion is set by `make release` (-ldflags -X) from the git tag;
// other builds take the module version from the build info.
var releaseVersion string

// String describes this build: the module version (as go install
// records it, or the release tag) and, when the build recorded it, the
// commit.
func String() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if releaseVersion != "" {
		v = releaseVersion
	}
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return fmt.Sprintf("%s (commit %s%s)", v, rev, modified)
	}
	return v
}
