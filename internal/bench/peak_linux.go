package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// peakRSS runs a command and returns the peak resident memory of the
// program itself, in bytes. rusage's ru_maxrss would also count the
// memory of this (parent) process, which Go's clone(CLONE_VM) start
// shares until exec; so the child is traced to its exit, where its own
// high-water mark (VmHWM) is read from /proc.
func peakRSS(env []string, name string, args ...string) int64 {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	check(err)
	defer devnull.Close()
	cmd.Stdout, cmd.Stderr = devnull, devnull
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
	check(cmd.Start())
	pid := cmd.Process.Pid
	var ws syscall.WaitStatus
	// Stopped at exec.
	_, err = syscall.Wait4(pid, &ws, 0, nil)
	check(err)
	check(syscall.PtraceSetOptions(pid, 0x40 /* PTRACE_O_TRACEEXIT */))
	check(syscall.PtraceCont(pid, 0))
	var hwm int64
	for {
		_, err = syscall.Wait4(pid, &ws, syscall.WALL, nil)
		check(err)
		if ws.Exited() || ws.Signaled() {
			break
		}
		if ws.Stopped() && ws.TrapCause() == 6 /* PTRACE_EVENT_EXIT */ {
			hwm = readHWM(pid)
		}
		sig := 0
		if ws.Stopped() && ws.StopSignal() != syscall.SIGTRAP {
			sig = int(ws.StopSignal())
		}
		check(syscall.PtraceCont(pid, sig))
	}
	if hwm == 0 {
		check(fmt.Errorf("could not read the peak memory of %s", name))
	}
	return hwm
}

func readHWM(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	check(err)
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			check(err)
			return kb * 1024
		}
	}
	return 0
}
