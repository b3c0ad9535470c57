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
		Dialer:    &net.Dialer{Timeout: send.Timeout},
	}
	var c *imapclient.Client
	switch s.TLS {
	case config.TLSImplicit:
		c, err = imapclient.DialTLS(s.Addr(), opts)
	case config.TLSStart:
		c, err = imapclient.DialStartTLS(s.Addr(), opts)
	default:
		c, err = imapclient.DialInsecure(s.Addr(), opts)
	}
	if err == nil {
		err = c.WaitGreeting()
	}
	if err != nil {
		if c != nil {
			c.Close()
		}
		return nil, send.ServerError("imap", &s.Server, err)
	}
	b := &Box{server: &s.Server, client: c}
	if s.Username != "" {
		if err := c.Login(s.Username, pw).Wait(); err != nil {
			c.Close()
			var ie *imap.Error
			if errors.As(err, &ie) && (ie.Type == imap.StatusResponseTypeNo || ie.Code == imap.ResponseCodeAuthenticationFailed) {
				return nil, send.AuthError("imap", &s.Server, safetext.Escape(ie.Text))
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
	list, err := b.client.List("", "*", opts).Collect()
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
	cmd := b.client.Append(b.Folder, int64(len(data)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagDraft, imap.FlagSeen}, Time: date})
	if _, err := cmd.Write(data); err != nil {
		cmd.Close()
		return send.ServerError("imap", b.server, err)
	}
	if err := cmd.Close(); err != nil {
		return send.ServerError("imap", b.server, err)
	}
	if _, err := cmd.Wait(); err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) {
			return fmt.Errorf("the imap server %s would not save the draft in %s: %s", b.server.Addr(), safetext.Quote(b.Folder), safetext.Escape(ie.Text))
		}
		return send.ServerError("imap", b.server, err)
	}
	return nil
}

// Send saves one message as a draft, dated now: a Box is the
// send.Transport of a run that saves drafts. to is for the log alone.
func (b *Box) Send(_ context.Context, to string, eml []byte) error {
	return b.Append(eml, time.Now())
}

// Close logs out.
func (b *Box) Close() error {
	_ = b.client.Logout().Wait()
	return b.client.Close()
}
