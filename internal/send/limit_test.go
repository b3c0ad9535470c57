package send

import (
	"bufio"
	"context"
	"net"
	"strings"
	"testing"
)

// A server that answers EHLO without end is cut off at MaxServerBytes,
// in one line, instead of filling memory (red team 16: 1.4 GB in 8 s).
func TestEndlessServerAnswerIsCapped(t *testing.T) {
	saved := MaxServerBytes
	MaxServerBytes = 1 << 20
	t.Cleanup(func() { MaxServerBytes = saved })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write([]byte("220 hello\r\n"))
		bufio.NewReader(c).ReadString('\n') // EHLO
		line := []byte("250-" + strings.Repeat("X", 1000) + "\r\n")
		for {
			if _, err := c.Write(line); err != nil {
				return
			}
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = DialSMTP(context.Background(), loopback(port), env(nil), "pat@example.com", nil)
	if err == nil || !strings.Contains(err.Error(), "more than 1 MB") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v", err)
	}
}
