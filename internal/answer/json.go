package answer

import (
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
)

// Report is the JSON form of a reply to a message: the reply, as draft
// --format json gives it, and what was read from the message.
type Report struct {
	deliver.Record
	InReplyTo string    `json:"in_reply_to,omitempty"`
	Detected  Detection `json:"detected"`
}

// Detection is what was read from a message, and why.
type Detection struct {
	Where           string           `json:"where,omitempty"`
	Name            string           `json:"name"`
	NameFrom        string           `json:"name_from,omitempty"`
	Address         string           `json:"address,omitempty"`
	AddressNote     string           `json:"address_note,omitempty"`
	Subject         string           `json:"subject"`
	MessageID       string           `json:"message_id,omitempty"`
	Notification    bool             `json:"notification"`
	NotificationWhy string           `json:"notification_why,omitempty"`
	Kind            string           `json:"kind"`
	Confidence      float64          `json:"confidence"`
	Sure            bool             `json:"sure"`
	Kinds           []KindJSON       `json:"kinds"`
	Values          map[string]Found `json:"values"`
}

// KindJSON is one kind with its evidence.
type KindJSON struct {
	Kind       string     `json:"kind"`
	Score      int        `json:"score"`
	Confidence float64    `json:"confidence"`
	Evidence   []Evidence `json:"evidence"`
}

// Evidence is one pattern that matched: the rule, where (subject or
// text) and the words of the message.
type Evidence struct {
	Pattern string `json:"pattern"`
	Where   string `json:"where"`
	Text    string `json:"text"`
}

func evidence(e inbound.Evidence) Evidence { return Evidence(e) }

// Found is one value the text states.
type Found struct {
	Value      string   `json:"value"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// Detection reports what was read from the message.
func (a *Answer) Detection() Detection {
	r := a.Request
	_, sure := a.Kind()
	d := Detection{
		Where: a.Message.Where, Name: r.Name, NameFrom: r.NameFrom, Address: r.Address, AddressNote: a.Message.RequesterNote,
		Subject: a.Message.Subject, MessageID: a.Message.MessageID,
		Notification: r.Notification, NotificationWhy: r.NotificationWhy,
		Kind: r.Kind, Confidence: r.Confidence, Sure: sure,
		Kinds: []KindJSON{}, Values: map[string]Found{},
	}
	for _, k := range r.Kinds {
		kj := KindJSON{Kind: k.Kind, Score: k.Score, Confidence: k.Confidence, Evidence: []Evidence{}}
		for _, e := range k.Evidence {
			kj.Evidence = append(kj.Evidence, evidence(e))
		}
		d.Kinds = append(d.Kinds, kj)
	}
	for name, v := range r.Values {
		d.Values[name] = Found{Value: v.Text, Confidence: v.Confidence, Evidence: evidence(v.Evidence)}
	}
	return d
}

// JSON returns the report of m, a reply to the message, as one line.
func (a *Answer) JSON(m *deliver.Message) ([]byte, error) {
	return deliver.AppendJSON(nil, Report{Record: deliver.NewRecord(m), InReplyTo: m.Headers.InReplyTo, Detected: a.Detection()})
}

// DetectionJSON returns, as one line, what was read from the message
// when no reply could be written: what it seems to ask for, how sure,
// and why.
func (a *Answer) DetectionJSON() ([]byte, error) {
	return deliver.AppendJSON(nil, struct {
		Detected Detection `json:"detected"`
	}{a.Detection()})
}

// DetectionJSON is what Read finds in m, as Answer.DetectionJSON gives
// it, or nil when m cannot be read.
func (r *Resolver) DetectionJSON(m *inbound.Message) []byte {
	a, err := r.Read(m)
	if err != nil {
		return nil
	}
	data, err := a.DetectionJSON()
	if err != nil {
		return nil
	}
	return data
}
