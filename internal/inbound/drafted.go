package inbound

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/mail"
	"os"
	"path/filepath"

	"github.com/decline-cli/decline/internal/safetext"
)

// Drafted returns the Message-IDs the drafts in the Maildir dir reply
// to (their In-Reply-To), each with the path of that draft: a reply
// saved there before, by decline or by hand, so that a second run does
// not leave a second draft. A dir that does not exist yet holds none;
// a draft whose header does not parse is passed over.
func Drafted(dir string) (map[string]string, error) {
	seen := map[string]string{}
	for _, sub := range []string{"cur", "new"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			path := filepath.Join(dir, sub, e.Name())
			for _, id := range inReplyTo(path) {
				if _, ok := seen[id]; !ok {
					seen[id] = path
				}
			}
		}
	}
	return seen, nil
}

// inReplyTo reads the In-Reply-To of the message at path, or nothing.
func inReplyTo(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	// The header is all that is read, and never more than 256 KB of it.
	m, err := mail.ReadMessage(bufio.NewReader(io.LimitReader(f, 256<<10)))
	if err != nil {
		return nil
	}
	ids, _ := msgIDs("In-Reply-To", m.Header.Get("In-Reply-To"))
	return ids
}

// draftedOrWarn is Drafted, saying on w when the folder cannot be read.
func draftedOrWarn(dir string, w io.Writer) map[string]string {
	seen, err := Drafted(dir)
	if err != nil {
		fmt.Fprintf(w, "decline: warning: the drafts in %s could not be read to find replies saved before: %v\n", dir, err)
	}
	return seen
}

// DraftedBefore returns the path of a draft in the Maildir dir that
// replies to m, or "" (also when m has no Message-ID to know it by). A
// folder that cannot be read is said on w.
func DraftedBefore(dir string, m *Message, w io.Writer) string {
	if m.MessageID == "" {
		return ""
	}
	return draftedOrWarn(dir, w)[m.MessageID]
}

// SkipDrafted leaves out of messages those that a draft in the Maildir
// dir replies to already, saying so on w once for each, so that a rerun
// over the same mbox or Maildir saves each reply once.
func SkipDrafted(dir string, messages func() iter.Seq2[*Message, error], w io.Writer) func() iter.Seq2[*Message, error] {
	seen := draftedOrWarn(dir, w)
	first := true
	return func() iter.Seq2[*Message, error] {
		said := first
		first = false
		return func(yield func(*Message, error) bool) {
			for m, err := range messages() {
				if err == nil && m.MessageID != "" && seen[m.MessageID] != "" {
					if said {
						fmt.Fprintf(w, "decline: note: %s holds a reply to %s already (%s): skipped\n", safetext.Escape(dir), safetext.Escape(m.MessageID), safetext.Escape(seen[m.MessageID]))
					}
					continue
				}
				if !yield(m, err) {
					return
				}
			}
		}
	}
}
