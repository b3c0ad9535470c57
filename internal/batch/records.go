package batch

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/decline-cli/decline/internal/oserr"
)

// recordWriter writes replies to a stream whole: a reply is never cut in
// the middle, by a full disk or by a signal. Replies are gathered into
// writes of 64 KiB or more that end at a reply's end; when a write fails
// after part of it went out, a regular file is cut back to the last whole
// reply. Stop, for a signal handler, waits for a write under way to end
// and lets no other start.
type recordWriter struct {
	w       io.Writer
	sem     chan struct{} // held while writing
	buf     []byte
	ends    []int        // where each reply in buf ends
	written atomic.Int64 // replies written whole
	stopped bool
}

const recordBuffer = 64 << 10

func newRecordWriter(w io.Writer) *recordWriter {
	return &recordWriter{w: w, sem: make(chan struct{}, 1), buf: make([]byte, 0, recordBuffer)}
}

// add queues replies: data holds them back to back, ends where each ends.
func (rw *recordWriter) add(data []byte, ends []int) error {
	if len(rw.buf) == 0 && len(data) >= recordBuffer {
		// Enough for a write as it is: no copy.
		return rw.write(data, ends)
	}
	base := len(rw.buf)
	rw.buf = append(rw.buf, data...)
	for _, e := range ends {
		rw.ends = append(rw.ends, base+e)
	}
	if len(rw.buf) >= recordBuffer {
		return rw.flush()
	}
	return nil
}

// WriteError is a failed write of the replies, with how many went out
// whole before it.
type WriteError struct {
	Written int  // replies written whole
	Cut     bool // part of the next one is out too, and could not be taken back
	Total   int  // replies there were to write, when known
	Err     error
}

func (e *WriteError) Error() string {
	msg := fmt.Sprintf("cannot write the replies: %v", oserr.Cause(e.Err))
	switch {
	case e.Total > 0 && e.Cut:
		msg += fmt.Sprintf("; %d of %d replies were written whole, and part of the next one", e.Written, e.Total)
	case e.Total > 0:
		msg += fmt.Sprintf("; %d of %d replies were written, each whole", e.Written, e.Total)
	}
	return msg
}

func (e *WriteError) Unwrap() error { return e.Err }

var errStopped = fmt.Errorf("stopped")

// flush writes the queued replies in one write.
func (rw *recordWriter) flush() error {
	if len(rw.buf) == 0 {
		return nil
	}
	err := rw.write(rw.buf, rw.ends)
	rw.buf, rw.ends = rw.buf[:0], rw.ends[:0]
	return err
}

// write writes replies back to back in one write: buf holds them, ends
// where each ends.
func (rw *recordWriter) write(buf []byte, ends []int) error {
	rw.sem <- struct{}{}
	defer func() { <-rw.sem }()
	if rw.stopped {
		return &WriteError{Written: int(rw.written.Load()), Err: errStopped}
	}
	n, err := rw.w.Write(buf)
	if err == nil && n < len(buf) {
		err = io.ErrShortWrite
	}
	whole, end := 0, 0
	for _, e := range ends {
		if e > n {
			break
		}
		whole, end = whole+1, e
	}
	rw.written.Add(int64(whole))
	if err == nil {
		return nil
	}
	cut := n > end
	if f, ok := rw.w.(*os.File); ok && cut {
		// Take the part of a reply back out of a regular file.
		if pos, serr := f.Seek(0, io.SeekCurrent); serr == nil && f.Truncate(pos-int64(n-end)) == nil {
			f.Seek(pos-int64(n-end), io.SeekStart)
			cut = false
		}
	}
	return &WriteError{Written: int(rw.written.Load()), Cut: cut, Err: err}
}

// Stop lets no write start, after waiting at most wait for one under way
// to end. It returns how many replies were written whole, and whether a
// write was still under way (so that the last reply may be cut).
func (rw *recordWriter) Stop(wait time.Duration) (written int, cut bool) {
	select {
	case rw.sem <- struct{}{}:
		rw.stopped = true
		<-rw.sem
		return int(rw.written.Load()), false
	case <-time.After(wait):
		return int(rw.written.Load()), true
	}
}
