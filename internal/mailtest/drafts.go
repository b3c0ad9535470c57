package mailtest

import (
	"net"
	"strconv"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Drafts logs in to the Dovecot as a mail program would and selects
// its Drafts folder; the test's end closes the connection.
func (d *Dovecot) Drafts(t testing.TB) (*imapclient.Client, *imap.SelectData) {
	t.Helper()
	c, err := imapclient.DialInsecure(net.JoinHostPort("127.0.0.1", strconv.Itoa(d.Port)), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(d.Username, d.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	sel, err := c.Select("Drafts", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return c, sel
}
