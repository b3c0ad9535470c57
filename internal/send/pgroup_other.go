//go:build !unix

package send

import "os/exec"

// killGroup: only Unix has process groups to kill; WaitDelay bounds the
// wait there.
func killGroup(*exec.Cmd) {}
