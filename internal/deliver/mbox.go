package deliver

import (
	"bytes"
	"net/mail"
	"strings"
	"time"
)

// mboxNobody is the separator's sender when the message has no From:
// the sendmail convention for a message of unknown origin.
const mboxNobody = "MAILER-DAEMON"

// MboxFrom returns the separator line that starts a message of a
// mailbox: "From ", the sender's address (from, in any form ParseAddress
// accepts; MAILER-DAEMON when it is empty or does not parse) and the date
// in UTC, in asctime's form, as mutt, Thunderbird and procmail write it.
// A zero date means now.
func MboxFrom(from string, date time.Time) string {
	sender := mboxNobody
	if from != "" {
		if a, err := ParseAddress(from); err == nil {
			sender = AddrSpec(a.Address)
		}
	}
	if date.IsZero() {
		date = time.Now()
	}
	return "From " + sender + " " + date.UTC().Format("Mon Jan _2 15:04:05 2006") + "\n"
}

// AppendMbox appends one message to a mailbox in the mboxrd format: the
// "From " separator line from (see MboxFrom), the message with LF line ends and every line
// that starts with ">*From " quoted by one more '>', then a blank line.
// Readers that unquote (mboxrd) get the message back exactly; the others
// (mboxo, as mutt and Thunderbird read it) show a '>' before a "From "
// at the start of a body line, as mail programs always have.
func AppendMbox(dst []byte, from string, msg []byte) []byte {
	dst = append(dst, from...)
	for len(msg) > 0 {
		line := msg
		if i := bytes.IndexByte(msg, '\n'); i >= 0 {
			line, msg = msg[:i], msg[i+1:]
		} else {
			msg = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if isFromLine(line) {
			dst = append(dst, '>')
		}
		dst = append(dst, line...)
		dst = append(dst, '\n')
	}
	return append(dst, '\n')
}

// isFromLine reports whether a line is "From " after any number of '>'.
func isFromLine(line []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(line, ">"), []byte("From "))
}

// AddrSpec returns an address as it is written bare, in an mbox separator
// line or an SMTP envelope: a local part that needs quoting ("a b" in
// "a b"@example.com, as net/mail unquotes it) is quoted again, so that a
// space in it does not end the address. The address has passed
// ParseAddress, which refuses line breaks.
func AddrSpec(addr string) string {
	return strings.TrimSuffix(strings.TrimPrefix((&mail.Address{Address: addr}).String(), "<"), ">")
}
