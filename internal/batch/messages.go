package batch

import (
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"time"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/plural"
)

// Messages answers every message of a mailbox or a Maildir, as Run
// answers every row of a spreadsheet: Check answers each and reports the
// ones that cannot be answered, writing nothing; Write then answers them
// again and writes the good ones as drafts into Maildir, one file each
// into Dir (in Format), or as one mbox mailbox to Out. Neither pass keeps
// the messages or their replies: a mailbox of any size is answered with
// one message in memory at a time, read twice.
type Messages struct {
	// Answer answers one message; it asks nothing, and answers the same
	// message the same way each time.
	Answer   func(*inbound.Message) (*deliver.Message, error)
	Format   *deliver.OutputFormat // for Dir
	Out      io.Writer
	Dir      *Dir
	Maildir  string
	Date     time.Time // of every reply, and the mbox separator lines
	Reporter MessageReporter
}

// MessageReporter is told, on the checking pass, of each message that
// cannot be answered (Problem) and of a note on how one that can was
// answered (Note: its Requester was chosen over a mailing list's
// address, say).
type MessageReporter interface {
	Problem(where string, err error)
	Note(where, note string)
}

// each answers every message of msgs, naming the file of each good one
// when there is a Dir, and calls fn with the reply and its file name, or
// with the error of a message that cannot be read or answered, or whose
// file is already in Dir. It stops when fn returns false.
func (r *Messages) each(msgs iter.Seq2[*inbound.Message, error], fn func(m *inbound.Message, msg *deliver.Message, name string, err error) bool) {
	var namer *Namer
	if r.Dir != nil {
		namer = NewNamer(r.Format.Ext)
	}
	for m, err := range msgs {
		var msg *deliver.Message
		if err == nil {
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
				err = &ExistsError{filepath.Join(r.Dir.Path, name)}
			}
		}
		if err == nil {
			msg.Headers.Date = r.Date
		}
		if !fn(m, msg, name, err) {
			return
		}
	}
}

// Check answers every message of msgs. A message that cannot be read or
// answered, or whose file is already in Dir, is reported to Reporter as a
// problem at the message's place (empty when it could not be read), and
// the RequesterNote and ThreadNote of one that can as notes.
func (r *Messages) Check(msgs iter.Seq2[*inbound.Message, error]) Counts {
	var c Counts
	r.each(msgs, func(m *inbound.Message, _ *deliver.Message, _ string, err error) bool {
		c.Rows++
		switch {
		case err != nil:
			c.Bad++
			if _, ok := err.(*ExistsError); ok {
				c.Existing++
			}
			where := ""
			if m != nil {
				where = m.Where
			}
			r.Reporter.Problem(where, err)
		default:
			for _, note := range []string{m.RequesterNote, m.ThreadNote} {
				if note != "" {
					r.Reporter.Note(m.Where, note)
				}
			}
		}
		return true
	})
	return c
}

// Write answers the messages of msgs again, the same messages Check was
// given, and writes the replies of the good ones; the bad ones Check has
// reported are passed over. It returns how many replies were written.
func (r *Messages) Write(msgs iter.Seq2[*inbound.Message, error]) (int, error) {
	var out *recordWriter
	if r.Dir == nil && r.Maildir == "" {
		out = newRecordWriter(r.Out)
	}
	written := 0
	var werr error
	r.each(msgs, func(_ *inbound.Message, msg *deliver.Message, name string, err error) bool {
		if err != nil {
			return true
		}
		var data []byte
		switch {
		case r.Dir != nil:
			if data, err = r.Format.One(msg); err == nil {
				err = r.Dir.Write(name, data)
			}
		case r.Maildir != "":
			if data, err = deliver.EML(msg, msg.Headers); err == nil {
				_, err = deliver.SaveDraft(r.Maildir, data)
			}
		default:
			if data, err = deliver.EML(msg, msg.Headers); err == nil {
				data = deliver.AppendMbox(nil, deliver.MboxFrom(msg.Headers.From, r.Date), data)
				err = out.add(data, []int{len(data)})
			}
		}
		if err != nil {
			werr = err
			return false
		}
		written++
		return true
	})
	if out != nil {
		if err := out.flush(); werr == nil {
			werr = err
		}
		return int(out.written.Load()), werr
	}
	return written, werr
}

// Wrote says where Write put its n replies.
func (r *Messages) Wrote(n int) string {
	where := "to standard output"
	switch {
	case r.Maildir != "":
		where = "as drafts to " + r.Maildir
	case r.Dir != nil:
		where = "to " + r.Dir.Path
	}
	return fmt.Sprintf("Wrote %d %s %s.", n, plural.Pick(n, "reply", "replies"), where)
}

// Unanswered is the error of a run in which bad of total messages
// cannot be answered, or nil when none.
func Unanswered(bad, total int) error {
	if bad > 0 {
		return fmt.Errorf("%d of %d messages cannot be answered", bad, total)
	}
	return nil
}
