package batch

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// BenchmarkReaderCSV reads rows as a batch pass does.
func BenchmarkReaderCSV(b *testing.B) {
	var in bytes.Buffer
	in.WriteString("name,email,relationship\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&in, "Scott Lee %d,scott.%d@example.com,no-business\n", i, i)
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), CSV)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}
