package send

import (
	"encoding/binary"
	"errors"

	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
)

// Frames is the batch output format that carries each reply, as the eml
// format prints it, to a FrameWriter with its input line, recipient and
// template (its id, kind and language). It is not in deliver.Table: nobody chooses it by name.
func Frames() *deliver.OutputFormat {
	return &deliver.OutputFormat{
		Name: "eml", Stream: true,
		Append: func(e *deliver.Encoder, dst []byte, line int, to string, p *compose.Prepared) ([]byte, error) {
			if to == "" {
				return dst, errors.New("the row has no email address to send to")
			}
			eml, err := deliver.EML(&deliver.Message{Reply: p.Reply(), To: to}, e.EML)
			if err != nil {
				return dst, err
			}
			dst = binary.AppendUvarint(dst, uint64(line))
			for _, s := range [][]byte{[]byte(to), []byte(p.Template.ID), []byte(p.Template.Kind), []byte(p.Template.Lang), eml} {
				dst = binary.AppendUvarint(dst, uint64(len(s)))
				dst = append(dst, s...)
			}
			return dst, nil
		},
	}
}

// FrameWriter reads the replies a batch writes in the Frames format and
// hands each to Each, in input order.
type FrameWriter struct {
	Source string
	Each   func(*Item) error
	buf    []byte
}

// Write takes frames, whole or in parts.
func (w *FrameWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		it, n := w.next()
		if n == 0 {
			break
		}
		w.buf = w.buf[n:]
		if err := w.Each(it); err != nil {
			return len(p), err
		}
	}
	if len(w.buf) == 0 {
		w.buf = nil
	}
	return len(p), nil
}

// next decodes the first whole frame of the buffer, and its length; 0
// when the buffer holds none yet.
func (w *FrameWriter) next() (*Item, int) {
	b := w.buf
	line, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, 0
	}
	off := n
	var parts [5][]byte
	for i := range parts {
		l, n := binary.Uvarint(b[off:])
		if n <= 0 || uint64(len(b)-off-n) < l {
			return nil, 0
		}
		off += n
		parts[i] = append([]byte(nil), b[off:off+int(l)]...)
		off += int(l)
	}
	return &Item{Source: w.Source, Line: int(line), To: string(parts[0]), Template: string(parts[1]), Kind: string(parts[2]), Lang: string(parts[3]), EML: parts[4]}, off
}
