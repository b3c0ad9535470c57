package send

import (
	"context"
	"net/textproto"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/config"
)

// A server's or a command's words never show the password, nor its
// base64 in AUTH PLAIN or AUTH LOGIN.
func TestPasswordsAreRedacted(t *testing.T) {
	s := &config.Server{Host: "127.0.0.1", Port: 2525, Username: "jordan", PasswordEnv: "PW"}
	if _, err := Password("smtp", s, func(string) string { return "Sup3rS3cret!" }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, got string }{
		{"a 535", ServerError("smtp", s, &textproto.Error{Code: 535, Msg: "5.7.8 rejected pass Sup3rS3cret!"}).Error()},
		{"a refusal", AuthError("smtp", s, "rejected Sup3rS3cret! and U3VwM3JTM2NyZXQh").Error()},
		{"AUTH PLAIN of another password", Redact("--> AUTH PLAIN AGpvZQBodW50ZXIy")},
		{"AUTH LOGIN of a short one", Redact("AUTH LOGIN aHVudA==")},
	} {
		for _, secret := range []string{"Sup3rS3cret!", "U3VwM3JTM2NyZXQh", "AGpvZQBodW50ZXIy", "aHVudA=="} {
			if strings.Contains(c.got, secret) {
				t.Errorf("%s shows %s: %s", c.what, secret, c.got)
			}
		}
		if !strings.Contains(c.got, "[redacted]") {
			t.Errorf("%s: %s", c.what, c.got)
		}
	}
	err := (&Sendmail{Command: "echo '--> AUTH PLAIN AGpvcmRhbgBTdXAzclMzY3JldCE=' >&2; exit 1"}).Send(context.Background(), "a@example.org", []byte("To: a@example.org\n\nHi\n"))
	if err == nil || strings.Contains(err.Error(), "AGpvcmRhbgBTdXAzclMzY3JldCE=") || !strings.Contains(err.Error(), "AUTH PLAIN [redacted]") {
		t.Errorf("sendmail: %v", err)
	}
}
