package batch

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// limitWriter takes at most n bytes, then fails.
type limitWriter struct {
	bytes.Buffer
	n int
}

var errFull = errors.New("full")

func (w *limitWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return w.Buffer.Write(p)
	}
	k := w.n
	w.n = 0
	w.Buffer.Write(p[:k])
	return k, errFull
}

// replies returns n replies of size bytes each, back to back, and where
// each ends.
func replies(n, size int) ([]byte, []int) {
	var data []byte
	var ends []int
	for i := range n {
		data = append(data, strings.Repeat(string(rune('a'+i%26)), size-1)+"\n"...)
		ends = append(ends, len(data))
	}
	return data, ends
}

func TestRecordWriterKeepsOrder(t *testing.T) {
	var w limitWriter
	w.n = 1 << 30
	rw := newRecordWriter(&w)
	var want []byte
	// Small batches are gathered, a large one goes out as it is, in
	// between the ones before and after it.
	for _, n := range []int{3, 200, 5} {
		data, ends := replies(n, 1000)
		want = append(want, data...)
		if err := rw.add(data, ends); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Bytes(), want) {
		t.Errorf("wrote %d bytes, not the %d added in order", w.Len(), len(want))
	}
	if got := rw.written.Load(); got != 208 {
		t.Errorf("written = %d, want 208", got)
	}
}

func TestRecordWriterCountsWholeRepliesOfALargeWrite(t *testing.T) {
	data, ends := replies(100, 1000) // over recordBuffer: written without a copy
	if len(data) < recordBuffer {
		t.Fatalf("test data of %d bytes is under the %d of a write", len(data), recordBuffer)
	}
	for _, tc := range []struct {
		limit int
		whole int
		cut   bool
	}{
		{limit: 0, whole: 0, cut: false},
		{limit: 999, whole: 0, cut: true},
		{limit: 1000, whole: 1, cut: false},
		{limit: 42_500, whole: 42, cut: true},
	} {
		w := &limitWriter{n: tc.limit}
		rw := newRecordWriter(w)
		err := rw.add(data, ends)
		var we *WriteError
		if !errors.As(err, &we) {
			t.Fatalf("limit %d: err = %v, want a *WriteError", tc.limit, err)
		}
		if we.Written != tc.whole || we.Cut != tc.cut || !errors.Is(err, errFull) {
			t.Errorf("limit %d: Written %d, Cut %v, err %v; want %d, %v, %v", tc.limit, we.Written, we.Cut, we.Err, tc.whole, tc.cut, errFull)
		}
	}
}
