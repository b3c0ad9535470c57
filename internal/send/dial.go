package send

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/wneessen/go-mail/smtp"

	"github.com/decline-cli/decline/internal/config"
)

// dial connects to an SMTP server, says hello, secures the connection
// as s.TLS says (TLS from the first byte, STARTTLS or none, which is
// for loopback only), and logs in when s names a user. It uses go-mail's
// SMTP client, not its message-building Client, whose packages
// (html/template among them) every run of decline would start up.
func dial(ctx context.Context, s *config.Server, password string, tc *tls.Config) (*smtp.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	d := &net.Dialer{}
	addr := net.JoinHostPort(strings.Trim(s.Host, "[]"), fmt.Sprint(s.Port))
	var (
		conn net.Conn
		err  error
	)
	conn, err = d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	// Capped below TLS, so that the client still sees a *tls.Conn (the
	// login checks the connection is encrypted by its type).
	conn = LimitConn(conn)
	if s.TLS == config.TLSImplicit {
		tconn := tls.Client(conn, tc)
		if err := tconn.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, err
		}
		conn = tconn
	}
	if err := conn.SetDeadline(time.Now().Add(Timeout)); err != nil {
		conn.Close()
		return nil, err
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			c.Close()
		}
	}()
	if err := c.Hello("localhost"); err != nil {
		return nil, err
	}
	encrypted := s.TLS == config.TLSImplicit
	if s.TLS == config.TLSStart {
		if has, _ := c.Extension("STARTTLS"); !has {
			return nil, errors.New("the server does not support STARTTLS")
		}
		if err := c.StartTLS(tc); err != nil {
			return nil, err
		}
		encrypted = true
	}
	if s.Username != "" {
		auth, err := chooseAuth(c, s.Username, password, s.Host, encrypted)
		if err != nil {
			return nil, err
		}
		if err := c.Auth(auth); err != nil {
			return nil, fmt.Errorf("SMTP AUTH failed: %w", err)
		}
	}
	ok = true
	return c, nil
}

// chooseAuth picks the strongest login the server offers: a SCRAM
// (with channel binding over TLS), then CRAM-MD5, then PLAIN or LOGIN,
// which send the password itself and so only over TLS, or to a server
// on this machine (tls: none is for loopback only).
func chooseAuth(c *smtp.Client, user, password, host string, encrypted bool) (smtp.Auth, error) {
	has, offered := c.Extension("AUTH")
	if !has {
		return nil, errors.New("SMTP AUTH failed: the server offers no login (no AUTH), though a username is set")
	}
	mechs := strings.Fields(strings.ToUpper(offered))
	state, tlsErr := c.GetTLSConnectionState()
	switch {
	case encrypted && tlsErr == nil && slices.Contains(mechs, "SCRAM-SHA-256-PLUS"):
		return smtp.ScramSHA256PlusAuth(user, password, state), nil
	case slices.Contains(mechs, "SCRAM-SHA-256"):
		return smtp.ScramSHA256Auth(user, password), nil
	case encrypted && tlsErr == nil && slices.Contains(mechs, "SCRAM-SHA-1-PLUS"):
		return smtp.ScramSHA1PlusAuth(user, password, state), nil
	case slices.Contains(mechs, "SCRAM-SHA-1"):
		return smtp.ScramSHA1Auth(user, password), nil
	case slices.Contains(mechs, "CRAM-MD5"):
		return smtp.CRAMMD5Auth(user, password), nil
	case slices.Contains(mechs, "PLAIN"):
		return smtp.PlainAuth("", user, password, host, !encrypted), nil
	case slices.Contains(mechs, "LOGIN"):
		return smtp.LoginAuth(user, password, host, !encrypted), nil
	}
	return nil, fmt.Errorf("SMTP AUTH failed: the server offers no login decline can use (it offers %s)", offered)
}
