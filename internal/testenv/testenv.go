// Package testenv is for tests only: it decides what a test does when the
// machine lacks a tool it needs, such as mutt, xclip, tmux, python3 or a
// pseudo-terminal.
//
// By default such a test skips with the reason. With
// DECLINE_REQUIRE_TOOLS=1 in the environment (.ci/run sets it) it fails
// instead, so a green CI run means the tests that drive real tools ran.
package testenv

import (
	"os"
	"os/exec"
)

// RequireToolsVar names the environment variable that turns a missing
// tool into a failure.
const RequireToolsVar = "DECLINE_REQUIRE_TOOLS"

// T is the part of testing.TB, and of testscript.T, that Missing uses.
type T interface {
	Skip(args ...any)
	Fatal(args ...any)
}

// RequireTools reports whether a missing tool must fail a test.
func RequireTools() bool { return os.Getenv(RequireToolsVar) == "1" }

// Missing ends the test because something it needs is missing: it skips
// with reason, or fails with it when RequireTools says so.
func Missing(t T, reason string) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	if RequireTools() {
		t.Fatal(reason + " (" + RequireToolsVar + "=1, so a missing tool fails the test)")
		return
	}
	t.Skip(reason)
}

// LookPath returns the path of tool, or ends the test through Missing,
// saying why the test needs it: "skipping the mutt -H check".
func LookPath(t T, tool, why string) string {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	path, err := exec.LookPath(tool)
	if err != nil {
		Missing(t, tool+" is not installed (.ci/run installs it); "+why)
	}
	return path
}
