package mailtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/testenv"
)

// Dovecot is a running Dovecot IMAP server with one user, whose
// mailbox has a Drafts folder marked \Drafts.
type Dovecot struct {
	Port               int
	Username, Password string
	Mail               string // the user's Maildir
}

// StartDovecot starts Dovecot from the system's packages on a free
// loopback port, as the current user (or, for root, whose mail Dovecot
// refuses to handle, as nobody), with a throwaway configuration and a
// passwd-file user. With cert, it speaks TLS from the first byte.
func StartDovecot(t testing.TB, cert *Cert) *Dovecot {
	t.Helper()
	bin, err := exec.LookPath("dovecot")
	if err != nil {
		for _, p := range []string{"/usr/sbin/dovecot", "/usr/local/sbin/dovecot"} {
			if _, err := os.Stat(p); err == nil {
				bin = p
			}
		}
	}
	if bin == "" {
		testenv.Missing(t, "dovecot is not installed (.ci/run installs dovecot-imapd); skipping the real IMAP server test")
		return nil
	}
	dir, err := os.MkdirTemp("", "decline-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	d := &Dovecot{Port: FreePort(t), Username: "pat", Password: "correct horse", Mail: filepath.Join(dir, "mail", "pat")}
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	uid, gid := me.Uid, me.Gid
	var users string
	if uid == "0" {
		nobody, err := user.Lookup("nobody")
		if err != nil {
			testenv.Missing(t, "there is no user nobody for Dovecot's mail as root")
			return nil
		}
		uid, gid = nobody.Uid, nobody.Gid
	} else {
		group, err := user.LookupGroupId(me.Gid)
		if err != nil {
			t.Fatal(err)
		}
		// Unprivileged, every Dovecot process runs as this user.
		users = fmt.Sprintf("default_internal_user = %s\ndefault_internal_group = %s\ndefault_login_user = %s\n", me.Username, group.Name, me.Username)
	}
	if err := os.MkdirAll(filepath.Join(dir, "run"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(d.Mail, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if uid != me.Uid {
		for _, p := range []string{filepath.Join(dir, "mail"), d.Mail} {
			if err := os.Chown(p, atoi(uid), atoi(gid)); err != nil {
				t.Fatal(err)
			}
		}
	}
	passwd := fmt.Sprintf("%s:{PLAIN}%s:%s:%s::%s\n", d.Username, d.Password, uid, gid, d.Mail)
	if err := os.WriteFile(filepath.Join(dir, "passwd"), []byte(passwd), 0o644); err != nil {
		t.Fatal(err)
	}
	ssl := "ssl = no\n"
	listener := fmt.Sprintf("  inet_listener imap {\n    address = 127.0.0.1\n    port = %d\n  }\n  inet_listener imaps {\n    port = 0\n  }\n", d.Port)
	if cert != nil {
		ssl = fmt.Sprintf("ssl = required\nssl_cert = <%s\nssl_key = <%s\n", cert.CertFile, cert.KeyFile)
		listener = fmt.Sprintf("  inet_listener imap {\n    port = 0\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = %d\n  }\n", d.Port)
	}
	conf := fmt.Sprintf(`protocols = imap
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/run
log_path = %[1]s/dovecot.log
%[2]s%[3]sdisable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%%u %[1]s/passwd
}
mail_location = maildir:~
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \Drafts
    auto = create
  }
}
service imap-login {
%[4]s}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`, dir, users, ssl, listener)
	confPath := filepath.Join(dir, "dovecot.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	logs := func() string {
		data, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
		return string(data)
	}
	// Its output goes to a file, not a pipe: the daemon it leaves
	// behind would hold a pipe open, and the wait for its end with it.
	out, err := os.Create(filepath.Join(dir, "start.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	start := exec.Command(bin, "-c", confPath)
	start.Stdout, start.Stderr = out, out
	if err := start.Run(); err != nil {
		data, _ := os.ReadFile(out.Name())
		t.Fatalf("dovecot did not start: %v %s %s", err, data, logs())
	}
	t.Cleanup(func() { _ = exec.Command(bin, "-c", confPath, "stop").Run() })
	waitListening(t, d.Port, "dovecot", logs)
	return d
}

func atoi(s string) int {
	n := 0
	for _, c := range strings.TrimSpace(s) {
		n = n*10 + int(c-'0')
	}
	return n
}
