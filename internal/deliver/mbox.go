package deliver

import "bytes"

// MboxFrom is the separator line that starts each message of a mailbox.
// Its sender and date are fixed, so the same replies always make the same
// mailbox; mail programs show the message's own headers, not this line.
const MboxFrom = "From decline@localhost Sat Jan  1 00:00:00 2000\n"

// AppendMbox appends one message to a mailbox in the mboxrd format: the
// "From " separator line, the message with LF line ends and every line
// that starts with ">*From " quoted by one more '>', then a blank line.
// Readers that unquote (mboxrd) get the message back exactly; the others
// (mboxo, as mutt and Thunderbird read it) show a '>' before a "From "
// at the start of a body line, as mail programs always have.
func AppendMbox(dst, msg []byte) []byte {
	dst = append(dst, MboxFrom...)
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
