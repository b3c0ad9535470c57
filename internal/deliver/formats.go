package deliver

import (
	"github.com/decline-cli/decline/internal/compose"
)

// OutputFormat is one way a reply can leave decline. Table holds them
// all: flag help, validation, completion, --out-dir's file names and
// batch read it, so a new format is one entry (and its test).
type OutputFormat struct {
	Name string
	Help string // a few words, for completion
	// Ext names a file of one reply, in an output directory; empty when
	// the format cannot be one file per reply.
	Ext string
	// Separator goes between replies written one after another; a
	// stream's first reply has none before it.
	Separator string
	// Stream is true when a batch can write every reply to standard
	// output in this format.
	Stream bool
	// One encodes a single reply; nil when the format is batch's only.
	One func(m *Message) ([]byte, error)
	// Append appends a batch's reply, as prepared by the fast renderer;
	// nil when the format is not for batch. e holds the run's settings
	// and scratch space, one per goroutine.
	Append func(e *Encoder, dst []byte, line int, to string, p *compose.Prepared) ([]byte, error)
	// Checked is true when a prepared reply cannot fail to encode, so a
	// batch's checking pass needs only to validate.
	Checked bool
}

// Encoder carries what a batch's Append needs across replies: one Date
// for the run (a fresh Message-ID each) and reusable buffers. It is not
// safe for concurrent use; each goroutine has its own.
type Encoder struct {
	EML     EMLOptions
	records RecordEncoder
}

// Table lists the output formats, in the order help shows them.
var Table = []OutputFormat{
	{
		Name: "text", Help: "the reply as plain text", Ext: ".txt", Separator: "\f\n", Stream: true, Checked: true,
		One: func(m *Message) ([]byte, error) { return []byte(m.Reply.Body), nil },
		Append: func(_ *Encoder, dst []byte, _ int, _ string, p *compose.Prepared) ([]byte, error) {
			return p.AppendBody(dst), nil
		},
	},
	{
		Name: "json", Help: "one JSON object",
		One: func(m *Message) ([]byte, error) { return AppendJSON(nil, NewRecord(m)) },
	},
	{
		Name: "jsonl", Help: "one JSON object per line", Ext: ".json", Stream: true, Checked: true,
		Append: func(e *Encoder, dst []byte, line int, to string, p *compose.Prepared) ([]byte, error) {
			return e.records.Append(dst, line, to, p), nil
		},
	},
	{
		Name: "eml", Help: "an email message (RFC 5322)", Ext: ".eml",
		One: func(m *Message) ([]byte, error) { return EML(m, m.Headers) },
		Append: func(e *Encoder, dst []byte, _ int, to string, p *compose.Prepared) ([]byte, error) {
			eml, err := EML(&Message{Reply: p.Reply(), To: to}, e.EML)
			return append(dst, eml...), err
		},
	},
	{
		Name: "mailto", Help: "a mailto: URL",
		One: func(m *Message) ([]byte, error) {
			u, err := Mailto(m)
			if err != nil {
				return nil, err
			}
			return []byte(u + "\n"), nil
		},
	},
	{
		Name: "mbox", Help: "one mailbox of drafts", Stream: true,
		Append: func(e *Encoder, dst []byte, _ int, to string, p *compose.Prepared) ([]byte, error) {
			eml, err := EML(&Message{Reply: p.Reply(), To: to}, e.EML)
			if err != nil {
				return dst, err
			}
			return AppendMbox(dst, MboxFrom(e.EML.From, e.EML.Date), eml), nil
		},
	},
}

// ForOne and ForBatch select the formats of one reply and of batch.
func ForOne(f *OutputFormat) bool   { return f.One != nil }
func ForBatch(f *OutputFormat) bool { return f.Append != nil }

// Lookup returns the format with a name.
func Lookup(name string) (*OutputFormat, bool) {
	for i := range Table {
		if Table[i].Name == name {
			return &Table[i], true
		}
	}
	return nil, false
}

// Names lists the names of the formats keep selects: def first, as the
// default, then the others in table order.
func Names(keep func(*OutputFormat) bool, def string) []string {
	out := []string{def}
	for i := range Table {
		if keep(&Table[i]) && Table[i].Name != def {
			out = append(out, Table[i].Name)
		}
	}
	return out
}

// DefaultOne and DefaultBatch are the formats used when none is chosen.
const (
	DefaultOne   = "text"
	DefaultBatch = "jsonl"
)
