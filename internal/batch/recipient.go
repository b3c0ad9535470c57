package batch

import (
	"encoding/json"
	"io"
	"net/mail"
	"strings"
)

// maxRecipientRead caps what is read of an existing reply file to learn
// whom it is for.
const maxRecipientRead = 1 << 20

// Recipient returns the address an existing reply file in the directory
// is for, as the output format with extension ext writes it: the To:
// header of an .eml file, the "email" member of a .json file ("" when
// the reply had no address). known is false when the format holds no
// address (.txt) or the file cannot be read as that format: then the
// file says nothing of whom it is for. What is read is remembered.
func (d *Dir) Recipient(name, ext string) (addr string, known bool) {
	if ext != ".eml" && ext != ".json" {
		return "", false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.root == nil {
		return "", false
	}
	if r, ok := d.recipients[name]; ok {
		return r.addr, r.known
	}
	addr, known = d.readRecipient(name, ext)
	if d.recipients == nil {
		d.recipients = map[string]recipient{}
	}
	d.recipients[name] = recipient{addr, known}
	return addr, known
}

type recipient struct {
	addr  string
	known bool
}

func (d *Dir) readRecipient(name, ext string) (string, bool) {
	info, err := d.root.Lstat(name)
	if err != nil || !info.Mode().IsRegular() {
		return "", false
	}
	f, err := d.root.Open(name)
	if err != nil {
		return "", false
	}
	defer f.Close()
	return recipientOf(io.LimitReader(f, maxRecipientRead), ext)
}

// recipientOf reads whom a reply is for, as Recipient says.
func recipientOf(r io.Reader, ext string) (string, bool) {
	if ext == ".json" {
		var rec struct {
			Email string `json:"email"`
		}
		if err := json.NewDecoder(r).Decode(&rec); err != nil {
			return "", false
		}
		return bareAddress(rec.Email), true
	}
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return "", false
	}
	if msg.Header.Get("To") == "" {
		return "", true
	}
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) == 0 {
		return "", false
	}
	return bareAddress(to[0].Address), true
}

// bareAddress is the address alone, in lower case, of "a@x.org" or
// "Ann <a@x.org>".
func bareAddress(s string) string {
	s = strings.TrimSpace(s)
	if a, err := mail.ParseAddress(s); err == nil {
		s = a.Address
	}
	return strings.ToLower(s)
}

// fitsFor says whether a file name may be the reply's to row addressed
// to email: yes when the directory does not hold it, or holds it for the
// same address, or holds a file that does not say whom it is for (text:
// then rows of the same name keep their order); no when it holds a reply
// to another address, which stays that person's.
func (d *Dir) fitsFor(email, ext string) func(name string) (bool, error) {
	return func(name string) (bool, error) {
		ok, err := d.Exists(name)
		if err != nil || !ok {
			return true, err
		}
		// Parsed only here: most rows find their name free.
		addr, known := d.Recipient(name, ext)
		return !known || addr == bareAddress(email), nil
	}
}
