package batch

import (
	"io"
	"iter"
	"path/filepath"
	"time"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
)

// Messages answers every message of a mailbox or a Maildir, as Run
// answers every row of a spreadsheet: Check answers each and reports the
// ones that cannot be answered, writing nothing; Write then writes the
// good ones as drafts into Maildir, one file each into Dir (in Format),
// or as one mbox mailbox to Out.
type Messages struct {
	// Answer answers one message; it asks nothing.
	Answer   func(*inbound.Message) (*deliver.Message, error)
	Format   *deliver.OutputFormat // for Dir
	Out      io.Writer
	Dir      *Dir
	Maildir  string
	Date     time.Time // of every reply, and the mbox separator lines
	Reporter Reporter

	good  []*deliver.Message
	names []string
}

// Check answers every message of msgs. A message that cannot be read or
// answered, or whose file is already in Dir, is reported to Reporter as a problem at the message's
// place (Problem's source; its line is 0).
func (r *Messages) Check(msgs iter.Seq2[*inbound.Message, error]) Counts {
	var c Counts
	var namer *Namer
	if r.Dir != nil {
		namer = NewNamer(r.Format.Ext)
	}
	for m, err := range msgs {
		c.Rows++
		where := ""
		var msg *deliver.Message
		if err == nil {
			where = m.Where
			msg, err = r.Answer(m)
		}
		name := ""
		if err == nil && namer != nil {
			name = namer.Name(msg.Reply.Name)
		}
		if err == nil && namer != nil && !r.Dir.Replace {
			if ok, xerr := r.Dir.Exists(name); xerr != nil {
				err = xerr
			} else if ok {
				c.Existing++
				err = &ExistsError{filepath.Join(r.Dir.Path, name)}
			}
		}
		if err != nil {
			c.Bad++
			r.Reporter.Problem(where, 0, err)
			continue
		}
		msg.Headers.Date = r.Date
		r.good, r.names = append(r.good, msg), append(r.names, name)
	}
	return c
}

// Write writes the replies Check found good, and returns how many were
// written.
func (r *Messages) Write() (int, error) {
	var out *recordWriter
	if r.Dir == nil && r.Maildir == "" {
		out = newRecordWriter(r.Out)
	}
	written := 0
	for i, msg := range r.good {
		var err error
		switch {
		case r.Dir != nil:
			var data []byte
			if data, err = r.Format.One(msg); err == nil {
				err = r.Dir.Write(r.names[i], data)
			}
		case r.Maildir != "":
			var data []byte
			if data, err = deliver.EML(msg, msg.Headers); err == nil {
				_, err = deliver.SaveDraft(r.Maildir, data)
			}
		default:
			var data []byte
			if data, err = deliver.EML(msg, msg.Headers); err == nil {
				data = deliver.AppendMbox(nil, deliver.MboxFrom(msg.Headers.From, r.Date), data)
				err = out.add(data, []int{len(data)})
			}
		}
		if err != nil {
			return r.written(written, out), err
		}
		written++
	}
	if out != nil {
		err := out.flush()
		return r.written(written, out), err
	}
	return written, nil
}

// written is how many replies are out whole: n, or what reached the
// stream when there is one.
func (r *Messages) written(n int, out *recordWriter) int {
	if out != nil {
		return int(out.written.Load())
	}
	return n
}
