package cli_test

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// peakFileEnv names the file where decline, run by a test as a child
// process, records its peak resident memory (see writePeak).
const peakFileEnv = "DECLINE_TEST_PEAK_FILE"

// hugeInputs are hostile shapes of batch input, each generated as a
// stream of about n bytes: many rows, one open quote, one endless line,
// a line of tabs, rows of 10,000 cells.
var hugeInputs = []struct {
	name   string
	format string
	large  int // bytes: the shapes that make replies or errors are slower
	gen    func(w *bufio.Writer, n int)
}{
	{"many rows", "csv", 4 << 20, func(w *bufio.Writer, n int) {
		w.WriteString("name,email,relationship\n")
		for i := 0; i < n/38; i++ {
			w.WriteString("Scott Lee,scott@example.com,stranger\n")
		}
	}},
	{"an open quote", "csv", 32 << 20, func(w *bufio.Writer, n int) {
		w.WriteString("name,relationship\nAnn,stranger\n\"")
		w.WriteString(strings.Repeat("x", n))
	}},
	{"one endless JSON line", "jsonl", 32 << 20, func(w *bufio.Writer, n int) {
		w.WriteString(`{"name":"`)
		w.WriteString(strings.Repeat("x", n))
		w.WriteString("\"}\n{\"name\":\"Bo\",\"relationship\":\"stranger\"}\n")
	}},
	{"a line of tabs", "tsv", 32 << 20, func(w *bufio.Writer, n int) {
		w.WriteString("name\trelationship\n")
		w.WriteString(strings.Repeat("\t", n))
		w.WriteString("\nBo\tstranger\n")
	}},
	{"rows of 10,000 cells", "csv", 4 << 20, func(w *bufio.Writer, n int) {
		w.WriteString("name,relationship\n")
		row := "Ann,stranger" + strings.Repeat(",x", 10000) + "\n"
		for i := 0; i < n/len(row)+1; i++ {
			w.WriteString(row)
		}
	}},
}

// TestHugeInputsKeepMemoryFlat streams each hostile shape through
// standard input at 1 MB and at 4 to 32 MB and compares decline's peak
// memory: it must not grow with the input. (The README's security
// section gives the numbers of a manual run with 1 GB streams.)
func TestHugeInputsKeepMemoryFlat(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("peak memory is read from /proc, which only Linux has")
	}
	if testing.Short() {
		t.Skip("streams 100 MB through decline")
	}
	for _, in := range hugeInputs {
		t.Run(in.name, func(t *testing.T) {
			small := peakBatch(t, in.format, in.gen, 1<<20)
			large := peakBatch(t, in.format, in.gen, in.large)
			t.Logf("peak memory: %d KiB for 1 MB, %d KiB for %d MB", small, large, in.large>>20)
			// Megabytes more input may cost at most 8 MB more memory.
			if large-small > 8<<10 {
				t.Errorf("peak memory grew from %d KiB to %d KiB with the input", small, large)
			}
		})
	}
}

// peakBatch runs decline batch on a generated stream of about n bytes on
// standard input and returns its peak resident memory in KiB.
func peakBatch(t *testing.T, format string, gen func(*bufio.Writer, int), n int) int {
	t.Helper()
	tmp := t.TempDir()
	peak := filepath.Join(tmp, "peak")
	cmd := declineCmd(t, "batch", "-", "--input-format", format, "--keep-going")
	cmd.Env = append(cmd.Env, peakFileEnv+"="+peak, "TMPDIR="+tmp, "GOMAXPROCS=2")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(stdin, 1<<20)
	gen(w, n)
	w.Flush()
	stdin.Close()
	cmd.Wait() // bad rows exit 1; the peak is what matters
	if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "goroutine ") {
		t.Fatalf("decline crashed: %s", stderr.String())
	}
	data, err := os.ReadFile(peak)
	if err != nil {
		t.Fatalf("no peak recorded (%v); stderr: %s", err, stderr.String())
	}
	kb, err := strconv.Atoi(string(data))
	if err != nil || kb == 0 {
		t.Fatalf("peak %q: %v", data, err)
	}
	return kb
}
