package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/cli"
	"github.com/decline-cli/decline/internal/iostreams"
)

// runBatch runs decline batch in-process and returns its output, errors
// and exit code.
func runBatch(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	home := t.TempDir()
	f := cli.NewFactory(ios, func(k string) string {
		switch k {
		case "HOME":
			return home
		case "XDG_CONFIG_HOME":
			return filepath.Join(home, ".config")
		}
		return ""
	})
	code = cli.Run(context.Background(), f, append([]string{"batch"}, args...))
	return out.String(), errOut.String(), code
}

// manyRows writes a CSV of n rows, every 97th with an unknown
// relationship and every 131st with a bad email, spread over many
// chunks, and returns the lines of the bad rows.
func manyRows(t *testing.T, n int) (string, []int) {
	var b strings.Builder
	var bad []int
	b.WriteString("name,email,relationship,skill\n")
	rels := []string{"stranger", "no-business", "social", "worked-briefly"}
	for i := 0; i < n; i++ {
		line := i + 2
		rel, email := rels[i%len(rels)], fmt.Sprintf("p%d@example.com", i)
		switch {
		case i%97 == 5:
			rel = "frenemy"
			bad = append(bad, line)
		case i%131 == 7:
			email = "not an address"
			bad = append(bad, line)
		}
		fmt.Fprintf(&b, "Person %d,%s,%s,Go\n", i, email, rel)
	}
	path := filepath.Join(t.TempDir(), "many.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, bad
}

var problemLine = regexp.MustCompile(`(?m)^.*many\.csv:(\d+): `)

func TestBatchParallelKeepsOrderAndOutput(t *testing.T) {
	path, bad := manyRows(t, 3000)
	var first struct{ jsonl, text, errs string }
	for _, procs := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			jsonl, errs, code := runBatch(t, path, "--keep-going")
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, errs)
			}
			// Problems come in input order, one per bad row.
			var lines []int
			for _, m := range problemLine.FindAllStringSubmatch(errs, -1) {
				n, _ := strconv.Atoi(m[1])
				lines = append(lines, n)
			}
			if fmt.Sprint(lines) != fmt.Sprint(bad) {
				t.Fatalf("problems reported for lines %v, want %v", lines, bad)
			}
			// Every good row, in order, once.
			recs := strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n")
			if len(recs) != 3000-len(bad) {
				t.Fatalf("%d records, want %d", len(recs), 3000-len(bad))
			}
			prev := 0
			for _, r := range recs {
				m := regexp.MustCompile(`^\{"line":(\d+),`).FindStringSubmatch(r)
				if m == nil {
					t.Fatalf("record without a line: %.80s", r)
				}
				n, _ := strconv.Atoi(m[1])
				if n <= prev {
					t.Fatalf("record for line %d after line %d", n, prev)
				}
				prev = n
			}
			text, _, _ := runBatch(t, path, "--keep-going", "--format", "text")
			if got, want := strings.Count(text, "\f\n"), 3000-len(bad)-1; got != want || strings.HasPrefix(text, "\f") {
				t.Fatalf("%d separators (leading: %v), want %d between replies", got, strings.HasPrefix(text, "\f"), want)
			}
			if procs == 1 {
				first.jsonl, first.text, first.errs = jsonl, text, errs
			} else if jsonl != first.jsonl || text != first.text || errs != first.errs {
				t.Fatal("output differs from the run on one CPU")
			}
		})
	}
}

func TestBatchParallelStopsAtFatalRow(t *testing.T) {
	// A quote left open deep in the file, with more than a record's cap
	// after it, ends the run there, after the problems before it, and
	// nothing is written.
	var b bytes.Buffer
	b.WriteString("name,relationship\n")
	for i := 0; i < 2000; i++ {
		rel := "stranger"
		if i == 700 {
			rel = "frenemy"
		}
		fmt.Fprintf(&b, "Person %d,%s\n", i, rel)
	}
	b.WriteString("\"Unclosed,stranger\n")
	for i := 0; i < 30000; i++ {
		fmt.Fprintf(&b, "Later %d,stranger with padding to pass the cap\n", i)
	}
	path := filepath.Join(t.TempDir(), "fatal.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runBatch(t, path, "--keep-going")
	if code != 1 || out != "" {
		t.Fatalf("exit %d, %d bytes of output; want 1 and none", code, len(out))
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "fatal.csv:702: unknown relationship") ||
		!strings.HasSuffix(lines[1], "fatal.csv:2002: a row here is longer than 256 KiB; is a quote left open?") {
		t.Fatalf("stderr:\n%s", errs)
	}
}
