package deliver

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// SaveDraft saves msg, an email, as a draft in the Maildir dir, the way
// mail programs deliver into one: written to tmp/ under a unique name,
// synced, then renamed into cur/ with the draft flag (":2,D"), where
// mutt, neomutt and aerc find it among their drafts. The Maildir must
// exist (cur/, new/ and tmp/); nothing is created outside it. It returns
// the path of the draft.
func SaveDraft(dir string, msg []byte) (string, error) {
	if err := makeMaildir(dir); err != nil {
		return "", err
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || !fi.IsDir() {
			return "", fmt.Errorf("%s is not a Maildir (it has no %s/ directory) and is not empty, so no Maildir was made there", dir, sub)
		}
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	// A host name may not hold '/' or ':' in a Maildir name (the
	// convention writes them as \057 and \072).
	host = strings.NewReplacer("/", `\057`, ":", `\072`).Replace(host)
	now := time.Now()
	for range 10 {
		unique := fmt.Sprintf("%d.M%dP%dR%x.%s", now.Unix(), now.Nanosecond()/1000, os.Getpid(), rand.Uint64(), host)
		tmp := filepath.Join(dir, "tmp", unique)
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, werr := f.Write(msg)
		if werr == nil {
			werr = f.Sync()
		}
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(tmp)
			return "", werr
		}
		cur := filepath.Join(dir, "cur", unique+",S="+strconv.Itoa(len(msg))+":2,D")
		// Link rather than rename, so that a draft of the same name
		// (which cannot happen by the name's construction) is never
		// replaced.
		if err := os.Link(tmp, cur); err != nil {
			os.Remove(tmp)
			if errors.Is(err, os.ErrExist) {
				continue
			}
			return "", err
		}
		os.Remove(tmp)
		return cur, nil
	}
	return "", fmt.Errorf("cannot find a free name for the draft in %s", dir)
}

// makeMaildir makes dir a Maildir (cur, new and tmp, mode 0700), as mutt
// and aerc do, when it does not exist or is an empty directory; it
// leaves anything else alone. A path starting with "~" is refused: no
// shell expanded it, and a directory named "~" is never what was meant.
func makeMaildir(dir string) error {
	if dir == "~" || strings.HasPrefix(dir, "~/") {
		return fmt.Errorf("%s: ~ was not expanded, as no shell ran the command: give the full path, or run the command through sh -c", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) || len(entries) > 0 {
		return nil // not a directory, unreadable, or in use: the checks after say
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return err
		}
	}
	return nil
}
