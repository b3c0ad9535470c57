package send

import (
	"fmt"
	"net"
)

// MaxServerBytes caps what decline reads from one mail server
// connection. A session's answers are small (a reply line or a few per
// command, a folder list); a server that answers without end (an endless
// EHLO, a 4 GB IMAP literal) would otherwise fill memory before a
// deadline ends it. A variable, for tests.
var MaxServerBytes int64 = 32 << 20

// LimitConn is c with reads capped at MaxServerBytes: past it, Read
// fails and says why.
func LimitConn(c net.Conn) net.Conn { return &limitConn{Conn: c, left: MaxServerBytes} }

type limitConn struct {
	net.Conn
	left int64
}

func (c *limitConn) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("the server sent more than %d MB on one connection without finishing an answer, so decline stopped reading", MaxServerBytes>>20)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.Conn.Read(p)
	c.left -= int64(n)
	return n, err
}
