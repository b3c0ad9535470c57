package inbound

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
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
