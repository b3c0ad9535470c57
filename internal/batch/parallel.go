package batch

import (
	"errors"
	"io"
	"maps"
	"runtime"
	"sync"

	"github.com/decline-cli/decline/internal/compose"
)

// The parallel path of a pass without --out-dir. One goroutine reads
// rows into chunks, one worker per CPU resolves, renders and encodes
// them, and the caller takes the results in input order: the same
// problems, in the same order, the same tally and the same bytes as the
// sequential path, on every core. A fixed set of chunks is recycled, so
// memory does not grow with the input and the garbage collector has
// little to do.

// chunkRows is at least sampleRows (see Run.checkColumns).
const chunkRows = 512

type rowItem struct {
	row Row
	err error // a reader error for this row
}

type chunk struct {
	seq   int
	items []rowItem
	rows  int

	// Filled by a worker.
	out      []byte // encoded replies, each after a separator in text
	ends     []int  // where each reply in out ends
	problems []rowProblem
	planned  []Planned // checking: one per good row, for the tally
	fatal    error
}

type rowProblem struct {
	line int
	err  error
	warn bool // a warning about a good row (Reporter.Warning)
}

// parallel is a pass for runs without an output directory: emit takes
// each good row on the checking pass, and out the replies on the
// writing pass.
func (b *Run) parallel(pass Pass, emit func(Planned), out *recordWriter) error {
	checking := pass == Checking
	in, r, err := b.open()
	if err != nil {
		return err
	}
	defer in.Close()

	workers := max(1, runtime.GOMAXPROCS(0))
	inFlight := 4 * workers
	free := make(chan *chunk, inFlight)
	for range inFlight {
		free <- &chunk{items: make([]rowItem, 0, chunkRows)}
	}
	jobs := make(chan *chunk, inFlight)
	results := make(chan *chunk, inFlight)
	stop := make(chan struct{})
	defer close(stop)

	// The reader.
	go func() {
		defer close(jobs)
		seq := 0
		for {
			var c *chunk
			select {
			case c = <-free:
			case <-stop:
				return
			}
			c.reset(seq)
			seq++
			done := false
			for len(c.items) < chunkRows {
				row, err := r.Next()
				if err == io.EOF {
					done = true
					break
				}
				it := rowItem{err: err}
				if err == nil {
					it.row = *row
					it.row.Values = nil
					if len(row.Values) > 0 {
						it.row.Values = maps.Clone(row.Values)
					}
				}
				c.items = append(c.items, it)
				if isFatal(err) {
					done = true
					break
				}
			}
			if len(c.items) > 0 {
				select {
				case jobs <- c:
				case <-stop:
					return
				}
			}
			if done {
				return
			}
		}
	}()

	// The workers.
	var wg sync.WaitGroup
	for range workers {
		rp := b.newReplier()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				rp.work(c, checking)
				select {
				case results <- c:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// The results, in order.
	pending := map[int]*chunk{}
	next := 0
	first := true
	for c := range results {
		pending[c.seq] = c
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if next == 0 && checking && c.fatal == nil {
				// The first chunk holds the rows the reader samples
				// (chunkRows >= sampleRows), and has been read.
				if err := b.checkColumns(); err != nil {
					return err
				}
			}
			next++
			b.counts.Rows += c.rows
			for _, p := range c.problems {
				if p.warn {
					b.Reporter.Warning(b.Source.Name, p.line, p.err)
				} else {
					b.problem(pass, p.line, p.err)
				}
			}
			if c.fatal != nil {
				return b.inputError(c.fatal)
			}
			for _, p := range c.planned {
				emit(p)
			}
			if data := c.out; len(data) > 0 && out != nil {
				ends := c.ends
				if first {
					// No separator before the first reply.
					sep := len(b.Format.Separator)
					data = data[sep:]
					for i := range ends {
						ends[i] -= sep
					}
				}
				first = false
				if err := out.add(data, ends); err != nil {
					return err
				}
			}
			b.Reporter.Progress(pass, b.counts.Rows, b.total)
			free <- c
		}
	}
	return nil
}

// reset empties a recycled chunk for the rows numbered seq, keeping its
// buffers.
func (c *chunk) reset(seq int) {
	clear(c.items) // drop the rows' strings for the collector
	clear(c.planned)
	*c = chunk{seq: seq, items: c.items[:0], out: c.out[:0], ends: c.ends[:0], problems: c.problems[:0], planned: c.planned[:0]}
}

// work resolves, renders and encodes a chunk's rows.
func (rp *replier) work(c *chunk, checking bool) {
	c.rows = len(c.items)
	for i := range c.items {
		it := &c.items[i]
		if it.err != nil {
			if isFatal(it.err) {
				c.fatal = it.err
				break
			}
			var e *Error
			errors.As(it.err, &e)
			c.problems = append(c.problems, rowProblem{line: e.Line, err: it.err})
			continue
		}
		if !checking {
			// Encoded straight into the chunk, after the separator.
			mark := len(c.out)
			_, out, err := rp.appendReply(append(c.out, rp.format.Separator...), &it.row, false)
			if err != nil {
				c.out = c.out[:mark]
				c.problems = append(c.problems, rowProblem{line: it.row.Line, err: err})
				continue
			}
			c.out = out
			c.ends = append(c.ends, len(c.out))
			continue
		}
		t, _, err := rp.reply(&it.row, true)
		if err != nil {
			c.problems = append(c.problems, rowProblem{line: it.row.Line, err: err})
			continue
		}
		if rp.long > 0 {
			c.problems = append(c.problems, rowProblem{line: it.row.Line, err: &compose.LongError{Chars: rp.long}, warn: true})
		}
		c.planned = append(c.planned, rp.planned(&it.row, t))
	}
}
