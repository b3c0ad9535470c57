package send

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
)

// Transport takes messages to the user's mail server, one at a time.
type Transport interface {
	// Send sends one message, as deliver.EML prints it, to the address
	// to. A *RefusedError means the server refused this message and the
	// next may still go; any other error ends the run.
	Send(ctx context.Context, to string, eml []byte) error
	Close() error
}

// RefusedError is a message the server would not take, such as an
// unknown recipient: the others can still be sent.
type RefusedError struct {
	To  string
	Msg string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("the server refused the message to %s: %s", e.To, e.Msg)
}

// Timeout bounds one exchange with a server.
const Timeout = 30 * time.Second

// Open connects to the transport the configuration names: the sendmail
// command when it is set, else the SMTP server, logging in with the
// password from its command or variable. from is the user's address,
// the envelope sender.
func Open(ctx context.Context, c *config.Config, env config.Env, from string) (Transport, error) {
	if c.Sendmail != "" {
		return &Sendmail{Command: c.Sendmail}, nil
	}
	if c.SMTP == nil {
		return nil, errors.New("there is no mail server to send through: add smtp (or sendmail) to config.yaml")
	}
	return DialSMTP(ctx, c.SMTP, env, from, nil)
}

// SMTP sends through an SMTP server, over one connection.
type SMTP struct {
	server *config.Server
	client *mail.Client
	conn   *smtp.Client
	from   string
}

// DialSMTP connects and logs in. roots, when not nil, replaces the
// system's certificate authorities (for tests).
func DialSMTP(ctx context.Context, s *config.Server, env config.Env, from string, roots *x509.CertPool) (*SMTP, error) {
	if from == "" {
		return nil, errors.New("sending needs your own address for the envelope: set address in config.yaml")
	}
	a, err := deliver.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("your address %s %v", safetext.Quote(from), err)
	}
	opts := []mail.Option{
		mail.WithPort(s.Port), mail.WithTimeout(Timeout),
		mail.WithTLSConfig(&tls.Config{ServerName: strings.Trim(s.Host, "[]"), RootCAs: roots, MinVersion: tls.VersionTLS12}),
	}
	switch s.TLS {
	case config.TLSImplicit:
		opts = append(opts, mail.WithSSL())
	case config.TLSStart:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	}
	if s.Username != "" {
		pw, err := Password("smtp", s, env)
		if err != nil {
			return nil, err
		}
		auth := mail.SMTPAuthAutoDiscover
		if s.TLS == config.TLSNone {
			// Only on loopback: PLAIN without TLS to this machine.
			auth = mail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(s.Username), mail.WithPassword(pw))
	}
	client, err := mail.NewClient(s.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp: %v", err)
	}
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return nil, ServerError("smtp", s, err)
	}
	return &SMTP{server: s, client: client, conn: conn, from: deliver.AddrSpec(a.Address)}, nil
}

// Send sends one message over the connection.
func (t *SMTP) Send(ctx context.Context, to string, eml []byte) error {
	a, err := deliver.ParseAddress(to)
	if err != nil {
		return &RefusedError{To: to, Msg: "not an email address"}
	}
	if err := t.conn.UpdateDeadline(Timeout); err != nil {
		return ServerError("smtp", t.server, err)
	}
	if err := t.conn.Mail("<" + t.from + ">"); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) {
			return fmt.Errorf("the smtp server %s refused %s as the sender: %s", t.server.Addr(), t.from, safetext.Escape(oneLine(fmt.Sprintf("%d %s", te.Code, te.Msg))))
		}
		return ServerError("smtp", t.server, err)
	}
	if err := t.conn.Rcpt("<" + deliver.AddrSpec(a.Address) + ">"); err != nil {
		return t.refused(a.Address, err)
	}
	w, err := t.conn.Data()
	if err != nil {
		return t.refused(a.Address, err)
	}
	// The data writer ends lines in CRLF and escapes a leading dot, as
	// SMTP needs; the message arrives as deliver wrote it.
	if _, err := w.Write(eml); err != nil {
		return ServerError("smtp", t.server, err)
	}
	if err := w.Close(); err != nil {
		return t.refused(a.Address, err)
	}
	return nil
}

// refused reports a server's answer: a refusal of this message when
// the server said no (4xx, 5xx), else a broken connection.
func (t *SMTP) refused(to string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		_ = t.conn.Reset()
		return &RefusedError{To: to, Msg: safetext.Escape(fmt.Sprintf("%d %s", te.Code, oneLine(te.Msg)))}
	}
	return ServerError("smtp", t.server, err)
}

// Close says goodbye to the server.
func (t *SMTP) Close() error { return t.client.CloseWithSMTPClient(t.conn) }

// ServerError words a failure to reach or use a server in one line:
// a certificate that does not verify, a refused login, no answer.
func ServerError(key string, s *config.Server, err error) error {
	where := fmt.Sprintf("%s server %s", key, s.Addr())
	var (
		unknownCA *x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		te        *textproto.Error
		ne        net.Error
		op        *net.OpError
	)
	switch {
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify):
		return fmt.Errorf("the certificate of the %s does not verify (%s); decline does not send to a server it cannot verify", where, safetext.Escape(oneLine(err.Error())))
	case strings.Contains(err.Error(), "AUTH failed") || errors.As(err, &te) && (te.Code == 535 || te.Code == 534 || te.Code == 530):
		return fmt.Errorf("the %s refused the username and password (%s): check username and the password it gets", where, safetext.Escape(oneLine(err.Error())))
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("the %s did not answer in time", where)
	case errors.As(err, &op):
		return fmt.Errorf("cannot reach the %s: %s", where, safetext.Escape(oneLine(op.Err.Error())))
	}
	return fmt.Errorf("the %s failed: %s", where, safetext.Escape(oneLine(err.Error())))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Sendmail sends each message through a command that reads it, with its
// headers, on standard input, such as "msmtp -t" or "sendmail -t".
type Sendmail struct {
	Command string
}

// Send runs the command once for the message. The command decides the
// recipients from the headers; a failure is a refusal of this message.
func (s *Sendmail) Send(ctx context.Context, to string, eml []byte) error {
	cmd := shell(ctx, s.Command)
	cmd.Stdin = bytes.NewReader(eml)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		var ee interface{ ExitCode() int }
		msg := firstLine(out.String())
		if msg == "" {
			msg = err.Error()
		}
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			return &RefusedError{To: to, Msg: safetext.Escape(fmt.Sprintf("%s: %s", s.Command, msg))}
		}
		return fmt.Errorf("sendmail command %s failed: %s", safetext.Quote(s.Command), safetext.Escape(msg))
	}
	return nil
}

// Close does nothing: each message had its own command.
func (s *Sendmail) Close() error { return nil }
