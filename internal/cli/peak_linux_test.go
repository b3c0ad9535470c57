package cli_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
)

// writePeak records the process's peak resident memory (VmHWM, in KiB)
// in a file, for a test that ran decline as a child process to read.
// ru_maxrss cannot serve: the child shares the parent's memory between
// fork and exec, so it reports the (larger) test process's peak.
func writePeak(name string) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range bytes.Split(status, []byte("\n")) {
		if v, ok := strings.CutPrefix(string(line), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			os.WriteFile(name, []byte(strconv.Itoa(kb)), 0o644)
		}
	}
}
