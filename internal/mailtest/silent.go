package mailtest

import (
	"bufio"
	"net"
	"regexp"
	"strings"
	"testing"
)

// SilentIMAP starts an IMAP server on loopback, for one connection,
// that greets, answers CAPABILITY, LOGIN, LIST (a folder Drafts) and
// LOGOUT, and goes silent for ever at the command named silentAt: for
// APPEND, after it asked for the literal. It returns the
// port; the test's end closes it.
func SilentIMAP(t testing.TB, silentAt string) int { return FakeIMAP(t, silentAt, nil) }

// FakeIMAP is SilentIMAP with answers: the tagged answer (after the
// tag) to each command named there, in place of OK.
func FakeIMAP(t testing.TB, silentAt string, answers map[string]string) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	literal := regexp.MustCompile(`\{(\d+)\+?\}$`)
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		say := func(s string) { _, _ = conn.Write([]byte(s + "\r\n")) }
		say("* OK [CAPABILITY IMAP4rev1] ready")
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			f := strings.Fields(line)
			if len(f) < 2 {
				return
			}
			tag, cmd := f[0], strings.ToUpper(f[1])
			if cmd == silentAt {
				if literal.MatchString(strings.TrimSpace(line)) {
					say("+ go ahead")
				}
				<-done
				return
			}
			switch cmd {
			case "CAPABILITY":
				say("* CAPABILITY IMAP4rev1")
			case "LIST":
				say(`* LIST () "/" Drafts`)
			case "LOGOUT":
				say("* BYE")
			}
			if a, ok := answers[cmd]; ok {
				say(tag + " " + a)
				continue
			}
			say(tag + " OK done")
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}
