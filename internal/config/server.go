package config

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"sync"

	"github.com/decline-cli/decline/internal/safetext"
)

// Server is a mail server of the user's: where to connect, who to log in
// as, and where the password comes from. The password itself is never
// in the file: PasswordCommand prints it (as msmtp's passwordeval and
// aerc's source-cred-cmd do), or PasswordEnv names the environment
// variable that holds it.
type Server struct {
	Host            string `yaml:"host"`
	Port            int    `yaml:"port"`
	Username        string `yaml:"username"`
	PasswordCommand string `yaml:"password_command"`
	PasswordEnv     string `yaml:"password_env"`
	// TLS is "tls" (encrypted from the start), "starttls" (upgraded
	// after connecting) or "none", which only a server on this machine
	// may use. The server's certificate is always verified.
	TLS string `yaml:"tls"`
	// Password is read only to be refused with a reason.
	Password string `yaml:"password"`
}

// IMAP is the mailbox that receives drafts: a server, and the name of
// the Drafts folder when the server does not mark one (special-use
// \Drafts).
type IMAP struct {
	Server `yaml:",inline"`
	Drafts string `yaml:"drafts"`
}

// The TLS modes.
const (
	TLSImplicit = "tls"
	TLSStart    = "starttls"
	TLSNone     = "none"
)

var envName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) })

// check validates a server's settings and fills in the defaults: the
// TLS mode from the port (implicit on tlsPort, else STARTTLS), and the
// port from the mode.
func (s *Server) check(key string, startPort, tlsPort int) error {
	if s.Password != "" {
		return fmt.Errorf("%s: a password is never read from the config file; use password_command (a command that prints it, such as 'pass show mail') or password_env (the name of an environment variable that holds it)", key)
	}
	for _, f := range []struct{ name, value string }{
		{"host", s.Host}, {"username", s.Username}, {"password_command", s.PasswordCommand}, {"password_env", s.PasswordEnv}, {"tls", s.TLS},
	} {
		if p := safetext.Check(f.value, false); p != nil {
			return fmt.Errorf("%s %s %s %s", key, f.name, safetext.Quote(f.value), p.Reason)
		}
	}
	s.Host = strings.TrimSpace(s.Host)
	if s.Host == "" || strings.ContainsAny(s.Host, " \t/@") {
		return fmt.Errorf("%s: host %s is not a host name: write the server's name, such as 'mail.example.com'", key, safetext.Quote(s.Host))
	}
	if s.Port < 0 || s.Port > 65535 {
		return fmt.Errorf("%s: port %d is not a port number (1 to 65535)", key, s.Port)
	}
	switch s.TLS {
	case "":
		s.TLS = TLSStart
		if s.Port == tlsPort || s.Port == 0 && key == "imap" {
			s.TLS = TLSImplicit
		}
	case TLSImplicit, TLSStart:
	case TLSNone:
		if !Loopback(s.Host) {
			return fmt.Errorf("%s: tls is none, which would send your password and mail unencrypted; it is allowed only for a server on this machine (localhost, 127.0.0.1, ::1), not %s", key, safetext.Quote(s.Host))
		}
	default:
		return fmt.Errorf("%s: tls is %s; it must be tls (encrypted from the start, usually port %d), starttls (usually port %d) or none (a server on this machine only)", key, safetext.Quote(s.TLS), tlsPort, startPort)
	}
	if s.Port == 0 {
		s.Port = startPort
		if s.TLS == TLSImplicit {
			s.Port = tlsPort
		}
	}
	if s.PasswordEnv != "" && !envName().MatchString(s.PasswordEnv) {
		// The value is not shown: it may be the password itself, typed
		// in the wrong place.
		return fmt.Errorf("%s: password_env is not the name of an environment variable (letters, digits and _); it names the variable that holds the password, not the password", key)
	}
	if s.PasswordCommand != "" && s.PasswordEnv != "" {
		return fmt.Errorf("%s: give password_command or password_env, not both", key)
	}
	if (s.PasswordCommand != "" || s.PasswordEnv != "") && strings.TrimSpace(s.Username) == "" {
		return fmt.Errorf("%s: a password needs a username to log in with: add username", key)
	}
	if s.Username != "" && s.PasswordCommand == "" && s.PasswordEnv == "" {
		return fmt.Errorf("%s: username %s needs a password: add password_command (a command that prints it) or password_env (an environment variable that holds it)", key, safetext.Quote(s.Username))
	}
	return nil
}

// Loopback reports whether host names this machine: localhost, or an
// address in 127.0.0.0/8 or ::1.
func Loopback(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, fmt.Sprint(s.Port)) }
