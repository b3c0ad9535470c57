package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// newFile is what an edit of a configuration that does not exist yet
// starts from: every setting, commented out.
const newFile = `# decline's settings: remove the # before a line to use it.
# sender: Your Name            # your name, under the sign-off
# signoff: Best wishes         # the sign-off line (decline adds the comma)
# sign_brief: first            # sign brief notes with your first or full name
# kind: recommendation         # the default kind
# tone: warm                   # the default tone: warm, formal or brief
# lang: en                     # the language of replies
# format: text                 # the default output format
# clipboard: auto              # auto, native or osc52
# address: "Your Name <you@example.com>"  # From: of email output
`

// Edit lets the user edit the file at path with edit, which opens a file
// in their editor. The editor works on a copy in the same directory; the
// copy replaces the file (at once, as WriteFile does) only when it parses
// and passes check, so a mistake never leaves decline with a file it
// refuses. A copy that fails is kept, and the error names it. changed is
// false when the user saved nothing new.
func Edit(path string, edit func(name string) error, check Check) (changed bool, err error) {
	data, err := readRaw(path)
	if err != nil {
		return false, err
	}
	if data == nil {
		data = []byte(newFile)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, fmt.Errorf("cannot create %s: %v", dir, unwrapPath(err))
	}
	f, err := os.CreateTemp(dir, "config-edit-*.yaml")
	if err != nil {
		return false, fmt.Errorf("cannot create a copy to edit: %v", unwrapPath(err))
	}
	name := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	keep := false
	defer func() {
		if !keep {
			os.Remove(name)
		}
	}()
	if err != nil {
		return false, fmt.Errorf("cannot write a copy to edit: %v", unwrapPath(err))
	}
	if err := edit(name); err != nil {
		return false, fmt.Errorf("%v; %s was not changed", err, path)
	}
	edited, err := readRaw(name)
	if err != nil {
		return false, err
	}
	if edited == nil {
		// readRaw's nil is a file that is not there: the editor removed
		// the copy, which is no config to write (an empty one would be).
		return false, fmt.Errorf("the editor removed the copy it was given (%s); %s was not changed", name, path)
	}
	if bytes.Equal(edited, data) {
		return false, nil
	}
	if err := Validate(name, check); err != nil {
		keep = true
		// The mistake is named in the file the user knows, at the
		// line it is in the copy: the copy is only where it waits.
		msg := strings.ReplaceAll(err.Error(), name, path)
		return false, fmt.Errorf("%s; %s was not changed, and your edit is kept in %s", msg, path, name)
	}
	return true, WriteFile(path, edited)
}
