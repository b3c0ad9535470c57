package iostreams

import (
	"bytes"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := NewProgress(&buf, true)
	p.now = func() time.Time { return clock }
	p.start = clock

	// Nothing in the first second: a short run shows no progress at all.
	clock = clock.Add(900 * time.Millisecond)
	p.Tick("Checking", 64, 0)
	if buf.Len() != 0 {
		t.Fatalf("progress shown before a second: %q", buf.String())
	}
	clock = clock.Add(200 * time.Millisecond)
	p.Tick("Checking", 128, 0)
	if got := buf.String(); got != "\rChecking 128 rows" {
		t.Fatalf("first line: %q", got)
	}
	// At most four times a second, and only every 64 rows.
	buf.Reset()
	clock = clock.Add(100 * time.Millisecond)
	p.Tick("Checking", 192, 0)
	clock = clock.Add(200 * time.Millisecond)
	p.Tick("Checking", 193, 0)
	if buf.Len() != 0 {
		t.Fatalf("progress redrawn too soon: %q", buf.String())
	}
	p.Tick("Writing", 256, 1000)
	if got := buf.String(); got != "\rWriting 256 of 1000 rows (25%)" {
		t.Fatalf("second line: %q", got)
	}
	// A shorter line covers the longer one; clear erases it once.
	buf.Reset()
	clock = clock.Add(time.Second)
	p.Tick("Done", 320, 0)
	if got := buf.String(); got != "\rDone 320 rows"+spaces(17) {
		t.Fatalf("shorter line: %q", got)
	}
	buf.Reset()
	p.Clear()
	p.Clear()
	if got := buf.String(); got != "\r"+spaces(13)+"\r" {
		t.Fatalf("clear: %q", got)
	}
}

func TestProgressOffTerminal(t *testing.T) {
	var buf bytes.Buffer
	p := NewProgress(&buf, false)
	p.start = time.Now().Add(-time.Hour)
	p.Tick("Checking", 64, 0)
	p.Clear()
	if buf.Len() != 0 {
		t.Fatalf("progress written off a terminal: %q", buf.String())
	}
}

func spaces(n int) string { return string(bytes.Repeat([]byte{' '}, n)) }
