package send

import (
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/mailtest"
)

// dropper passes connections through to a real server and can drop
// them all, as a server does with a connection left idle.
type dropper struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newDropper(t *testing.T, port int) *dropper {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &dropper{ln: ln}
	t.Cleanup(func() { ln.Close(); d.drop() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err != nil {
				c.Close()
				continue
			}
			d.mu.Lock()
			d.conns = append(d.conns, c, s)
			d.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
	return d
}

func (d *dropper) port() int { return d.ln.Addr().(*net.TCPAddr).Port }

func (d *dropper) drop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.conns {
		c.Close()
	}
	d.conns = nil
}

// A connection the server dropped between two messages is opened again
// and the next message goes; when it cannot be, the error says the
// message was not sent, not that it may have reached the server.
func TestSMTPReconnectsAfterADroppedConnection(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	d := newDropper(t, mp.SMTPPort)
	s := &config.Server{Host: "127.0.0.1", Port: d.port(), TLS: config.TLSNone, Username: "pat", PasswordEnv: "PW"}
	tr, err := DialSMTP(context.Background(), s, env(map[string]string{"PW": "s3cret"}), "pat@example.com", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	log, err := OpenLog(filepath.Join(t.TempDir(), "sent.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	r := &Run{Transport: tr, Log: log}
	for i, to := range []string{"a@example.org", "b@example.org"} {
		if i > 0 {
			d.drop()
		}
		if err := r.Send(context.Background(), &Item{Source: "in.csv", Line: i + 2, To: to, Kind: "k", EML: message(to, "Hi.\n")}); err != nil {
			t.Fatalf("message %d: %v", i+1, err)
		}
	}
	if n := len(mp.Messages(t)); n != 2 {
		t.Errorf("%d messages at the server, want 2", n)
	}
	// Dropped, and no server to reach again.
	d.ln.Close()
	d.drop()
	err = r.Send(context.Background(), &Item{Source: "in.csv", Line: 4, To: "c@example.org", Kind: "k", EML: message("c@example.org", "Hi.\n")})
	if err == nil || !strings.HasPrefix(err.Error(), "in.csv:4: ") || !strings.Contains(err.Error(), "the message to c@example.org was not sent") || strings.Contains(err.Error(), "may have reached") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v", err)
	}
}
