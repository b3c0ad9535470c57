// Package drafts puts replies into the Drafts folder of the user's own
// mailbox over IMAP, flagged \Draft, so that they wait for review in
// whatever mail client the user reads that mailbox with. It knows
// nothing of commands or flags.
package drafts

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/send"
)

// Box is a logged-in IMAP connection and the folder drafts go to.
type Box struct {
	// Folder is the Drafts folder: the one the server marks \Drafts,
	// else the configured name, else "Drafts".
	Folder string
	server *config.Server
	client *imapclient.Client
	// conn is the connection under the client's (and TLS's): its
	// deadlines, set here for each command, are the only ones.
	conn net.Conn
}

// commandTimeout bounds each exchange with the server, as send.Timeout
// bounds SMTP's; logoutWait is how long Close waits for LOGOUT's
// answer, when what mattered is done. Variables for tests.
var (
	commandTimeout = send.Timeout
	logoutWait     = 2 * time.Second
)

// ownDeadlines is a connection whose deadlines only Box sets: the
// client sets none while it waits for an answer (it peeks for the next
// one with none), so it gets none to clear either.
type ownDeadlines struct{ net.Conn }

func (ownDeadlines) SetDeadline(time.Time) error      { return nil }
func (ownDeadlines) SetReadDeadline(time.Time) error  { return nil }
func (ownDeadlines) SetWriteDeadline(time.Time) error { return nil }

// within runs one command with commandTimeout to finish it in.
func (b *Box) within(cmd func() error) error {
	deadline := time.Now().Add(commandTimeout)
	_ = b.conn.SetDeadline(deadline)
	err := cmd()
	_ = b.conn.SetDeadline(time.Time{})
	return timedOut(err, deadline)
}

// timedOut marks err, which the client words as text, as the timeout
// it is when the deadline passed, for send.ServerError to say so.
func timedOut(err error, deadline time.Time) error {
	if err != nil && !time.Now().Before(deadline) {
		return &timeoutError{err}
	}
	return err
}

type timeoutError struct{ error }

func (e *timeoutError) Unwrap() error { return e.error }
func (*timeoutError) Timeout() bool   { return true }
func (*timeoutError) Temporary() bool { return false }

// dial connects as s asks, giving the client a connection whose
// deadlines are Box's; the connection and greeting (TLS, STARTTLS)
// have commandTimeout.
func dial(s *config.IMAP, opts *imapclient.Options) (*imapclient.Client, net.Conn, error) {
	raw, err := (&net.Dialer{Timeout: commandTimeout}).Dial("tcp", s.Addr())
	if err != nil {
		return nil, nil, err
	}
	raw = send.LimitConn(raw)
	deadline := time.Now().Add(commandTimeout)
	_ = raw.SetDeadline(deadline)
	var c *imapclient.Client
	switch s.TLS {
	case config.TLSImplicit:
		tc := opts.TLSConfig.Clone()
		tc.NextProtos = []string{"imap"}
		conn := tls.Client(raw, tc)
		if err := conn.Handshake(); err != nil {
			raw.Close()
			return nil, nil, timedOut(err, deadline)
		}
		c = imapclient.New(ownDeadlines{conn}, opts)
	case config.TLSStart:
		c, err = imapclient.NewStartTLS(ownDeadlines{raw}, opts)
	default:
		c = imapclient.New(ownDeadlines{raw}, opts)
	}
	if err == nil {
		err = c.WaitGreeting()
	}
	if err != nil {
		if c != nil {
			c.Close()
		}
		raw.Close()
		return nil, nil, timedOut(err, deadline)
	}
	_ = raw.SetDeadline(time.Time{})
	return c, raw, nil
}

// Open connects to the IMAP server, logs in and finds the Drafts
// folder. roots, when not nil, replaces the system's certificate
// authorities (for tests).
func Open(s *config.IMAP, env config.Env, roots *x509.CertPool) (*Box, error) {
	pw, err := send.Password("imap", &s.Server, env)
	if err != nil {
		return nil, err
	}
	opts := &imapclient.Options{
		TLSConfig: &tls.Config{ServerName: strings.Trim(s.Host, "[]"), RootCAs: roots, MinVersion: tls.VersionTLS12},
	}
	c, conn, err := dial(s, opts)
	if err != nil {
		return nil, send.ServerError("imap", &s.Server, err)
	}
	b := &Box{server: &s.Server, client: c, conn: conn}
	if s.Username != "" {
		if err := b.within(c.Login(s.Username, pw).Wait); err != nil {
			c.Close()
			var ie *imap.Error
			if errors.As(err, &ie) && (ie.Type == imap.StatusResponseTypeNo || ie.Code == imap.ResponseCodeAuthenticationFailed) {
				return nil, send.AuthError("imap", &s.Server, safetext.Escape(send.Redact(ie.Text)))
			}
			return nil, send.ServerError("imap", &s.Server, err)
		}
	}
	if b.Folder, err = b.findDrafts(s.Drafts); err != nil {
		c.Close()
		return nil, err
	}
	return b, nil
}

// findDrafts picks the folder: the one marked \Drafts, else name, else
// "Drafts"; the folder must exist.
func (b *Box) findDrafts(name string) (string, error) {
	opts := &imap.ListOptions{}
	if b.client.Caps().Has(imap.CapSpecialUse) {
		opts.ReturnSpecialUse = true
	}
	var list []*imap.ListData
	err := b.within(func() (err error) {
		list, err = b.client.List("", "*", opts).Collect()
		return err
	})
	if err != nil {
		return "", send.ServerError("imap", b.server, err)
	}
	var names []string
	for _, m := range list {
		names = append(names, m.Mailbox)
		if name == "" {
			for _, a := range m.Attrs {
				if a == imap.MailboxAttrDrafts {
					return m.Mailbox, nil
				}
			}
		}
	}
	want := name
	if want == "" {
		want = "Drafts"
	}
	for _, n := range names {
		if n == want {
			return n, nil
		}
	}
	return "", fmt.Errorf("the imap server %s has no folder %s and marks none as Drafts: set drafts in the imap settings to one of: %s", b.server.Addr(), safetext.Quote(want), safetext.Escape(strings.Join(names, ", ")))
}

// Append saves one message, as deliver.EML prints it, to the Drafts
// folder with the \Draft and \Seen flags. IMAP wants CRLF line ends,
// the only change made to it.
func (b *Box) Append(eml []byte, date time.Time) error {
	data := bytes.ReplaceAll(eml, []byte("\n"), []byte("\r\n"))
	err := b.within(func() error { return b.append(data, date) })
	var ie *imap.Error
	switch {
	case errors.As(err, &ie):
		return fmt.Errorf("the imap server %s would not save the draft in %s: %s", b.server.Addr(), safetext.Quote(b.Folder), safetext.Escape(send.Redact(ie.Text)))
	case err != nil:
		return send.ServerError("imap", b.server, err)
	}
	return nil
}

func (b *Box) append(data []byte, date time.Time) error {
	cmd := b.client.Append(b.Folder, int64(len(data)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagDraft, imap.FlagSeen}, Time: date})
	if _, err := cmd.Write(data); err != nil {
		cmd.Close()
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	_, err := cmd.Wait()
	return err
}

// Send saves one message as a draft, dated now: a Box is the
// send.Transport of a run that saves drafts. to is for the log alone.
func (b *Box) Send(_ context.Context, to string, eml []byte) error {
	return b.Append(eml, time.Now())
}

// Close logs out, waiting for the server's answer no more than
// logoutWait: the drafts are saved by then.
func (b *Box) Close() error {
	_ = b.conn.SetDeadline(time.Now().Add(logoutWait))
	_ = b.client.Logout().Wait()
	return b.client.Close()
}

// Abort closes the connection at once, from a signal's clean-up: the
// command under way ends with an error.
func (b *Box) Abort() {
	_ = b.conn.Close()
}

// A signal's clean-up may close the mailbox with a draft under way.
var _ send.Aborter = (*Box)(nil)
