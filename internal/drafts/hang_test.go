package drafts

import (
	"strings"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/mailtest"
)

// silentServer is mailtest.SilentIMAP, with the settings that reach it.
func silentServer(t *testing.T, silentAt string) *config.IMAP {
	return &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: mailtest.SilentIMAP(t, silentAt), TLS: config.TLSNone, Username: "jordan", PasswordEnv: "PW"}}
}

// short makes every command's deadline short for the test.
func short(t *testing.T) {
	old, oldLogout := commandTimeout, logoutWait
	commandTimeout, logoutWait = time.Second, 200*time.Millisecond
	t.Cleanup(func() { commandTimeout, logoutWait = old, oldLogout })
}

var pw = env(map[string]string{"PW": "Dr4ftS3cret"})

func TestSilentAtLoginTimesOut(t *testing.T) {
	short(t)
	start := time.Now()
	_, err := Open(silentServer(t, "LOGIN"), pw, nil)
	if err == nil || !strings.Contains(err.Error(), "did not answer in") || time.Since(start) > 5*time.Second {
		t.Fatalf("after %s: %v", time.Since(start), err)
	}
}

func TestSilentAtAppendTimesOut(t *testing.T) {
	short(t)
	b, err := Open(silentServer(t, "APPEND"), pw, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	start := time.Now()
	err = b.Append(draft(1), time.Now())
	if err == nil || !strings.Contains(err.Error(), "did not answer in") || time.Since(start) > 5*time.Second {
		t.Fatalf("after %s: %v", time.Since(start), err)
	}
}

// Abort, as a signal's clean-up calls it, ends an APPEND under way at
// once, well before its deadline.
func TestAbortEndsAppend(t *testing.T) {
	b, err := Open(silentServer(t, "APPEND"), pw, nil)
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, b.Abort)
	start := time.Now()
	if err := b.Append(draft(1), time.Now()); err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("after %s: %v", time.Since(start), err)
	}
	b.Close()
}

// A server that never answers LOGOUT holds Close for logoutWait only:
// the drafts were saved before it.
func TestSilentAtLogoutCloses(t *testing.T) {
	short(t)
	b, err := Open(silentServer(t, "LOGOUT"), pw, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	b.Close()
	if time.Since(start) > 2*time.Second {
		t.Fatalf("Close took %s", time.Since(start))
	}
}

// A server that echoes the password in its refusal has it redacted.
func TestLoginRefusalHidesThePassword(t *testing.T) {
	port := mailtest.FakeIMAP(t, "", map[string]string{"LOGIN": `NO [AUTHENTICATIONFAILED] wrong login "jordan" "Dr4ftS3cret"`})
	s := &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: port, TLS: config.TLSNone, Username: "jordan", PasswordEnv: "PW"}}
	_, err := Open(s, pw, nil)
	if err == nil || strings.Contains(err.Error(), "Dr4ftS3cret") || !strings.Contains(err.Error(), `wrong login "jordan" "[redacted]"`) {
		t.Fatalf("%v", err)
	}
}
