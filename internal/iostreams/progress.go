package iostreams

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress draws one status line on standard error while a long batch
// runs: only on a terminal, only once the run has taken more than a
// second, at most four times a second, and erased when done.
type Progress struct {
	w     io.Writer
	on    bool
	now   func() time.Time
	start time.Time
	last  time.Time

	mu    sync.Mutex // clear may run on Ctrl-C, from another goroutine
	width int        // of the line on screen
}

const (
	progressDelay = time.Second
	progressEvery = 250 * time.Millisecond
)

// NewProgress returns a status line on w, drawn only when terminal is true.
func NewProgress(w io.Writer, terminal bool) *Progress {
	return &Progress{w: w, on: terminal, now: time.Now, start: time.Now()}
}

// Tick reports that n rows have been handled, of total when known.
func (p *Progress) Tick(verb string, n, total int) {
	if !p.on || n%64 != 0 {
		return
	}
	t := p.now()
	if t.Sub(p.start) < progressDelay || t.Sub(p.last) < progressEvery {
		return
	}
	p.last = t
	p.mu.Lock()
	defer p.mu.Unlock()
	line := fmt.Sprintf("%s %d rows", verb, n)
	if total > 0 {
		line = fmt.Sprintf("%s %d of %d rows (%d%%)", verb, n, total, n*100/total)
	}
	pad := max(p.width-len(line), 0)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
	p.width = len(line)
}

// Clear erases the line, before something else is written to the
// terminal or at the end.
func (p *Progress) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}
