package answer

import (
	"fmt"
	"iter"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/send"
)

// Items hands each the email that answers each of messages, as an item
// to send. A message that cannot be answered is passed over and
// counted: once the others went, the count is the error.
func (r *Resolver) Items(messages iter.Seq2[*inbound.Message, error], each func(*send.Item) error) error {
	bad := 0
	for m, err := range messages {
		var msg *deliver.Message
		if err == nil {
			msg, err = r.Email(m)
		}
		if err != nil {
			bad++
			continue
		}
		it, err := send.ItemOf(m.Where, msg)
		if err != nil {
			return err
		}
		if err := each(it); err != nil {
			return err
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d %s cannot be answered (said above)", bad, plural.Pick(bad, "message", "messages"))
	}
	return nil
}
