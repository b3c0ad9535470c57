package answer

import (
	"time"

	"github.com/decline-cli/decline/internal/deliver"
)

// Pasted reports whether the reply is text to paste into a network's
// site rather than an email: the message is a notification from a
// no-reply address. Why says how that was told.
func (r *Result) Pasted() (why string, ok bool) {
	return r.Answer.Request.NotificationWhy, r.Answer.Request.Notification
}

// Encode returns the reply in format when it is one only a reply to a
// message has: "json", the reply with what was read from the message;
// "mbox", a mailbox of one, to append to a drafts mailbox; "eml", the
// email. ok is false for the other formats, which are draft's.
func (r *Result) Encode(format string) (data []byte, ok bool, err error) {
	msg := r.Message
	switch format {
	case "json":
		data, err = r.Answer.JSON(msg)
	case "eml", "mbox":
		data, err = deliver.EML(msg, msg.Headers)
		if err == nil && format == "mbox" {
			data = deliver.AppendMbox(nil, deliver.MboxFrom(msg.Headers.From, time.Time{}), data)
		}
	default:
		return nil, false, nil
	}
	return data, true, err
}
