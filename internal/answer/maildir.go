package answer

import (
	"fmt"
	"io"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
)

// SaveDraft saves the reply to m as a draft in the Maildir dir, saying
// where on w. It is saved once: a draft there that replies to m already
// (In-Reply-To) is kept, said on w, and no second one is made.
func (r *Result) SaveDraft(dir string, m *inbound.Message, w io.Writer) error {
	if path := inbound.DraftedBefore(dir, m, w); path != "" {
		fmt.Fprintf(w, "decline: note: %s holds a reply to this message already (%s): no second draft was saved; delete that one to save another\n", dir, path)
		return nil
	}
	data, _, err := r.Encode("eml")
	if err != nil {
		return err
	}
	path, err := deliver.SaveDraft(dir, data)
	if err == nil {
		fmt.Fprintf(w, "Saved the reply to %s as a draft: %s\n", r.Message.To, path)
	}
	return err
}
