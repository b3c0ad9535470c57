//go:build !unix

package send

import "os/exec"

// killGroup: only Unix has process groups to kill; WaitDelay bounds the
// wait there.
func killGroup(*exec.Cmd) {}

// hasTerminal: elsewhere a command shares decline's console; it is
// given the longer time to answer there.
func hasTerminal() bool { return true }
