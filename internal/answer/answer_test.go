package answer

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/inbound"
)

func read(t *testing.T, name string) *Answer {
	t.Helper()
	rules, err := inbound.English()
	if err != nil {
		t.Fatal(err)
	}
	m, err := inbound.ParseFile(filepath.Join("..", "inbound", "testdata", "mail", name))
	if err != nil {
		t.Fatal(err)
	}
	return Read(rules, m)
}

func TestKind(t *testing.T) {
	for _, c := range []struct {
		file, kind string
		sure       bool
	}{
		{"gmail-alternative.eml", "recommendation", true},
		{"outlook-html.eml", "reference", true},
		{"quoted-printable.eml", "endorsement", true},
		{"ambiguous.eml", "reference", false},
		{"two-requests.eml", "recommendation", false},
	} {
		a := read(t, c.file)
		kind, sure := a.Kind()
		if kind != c.kind || sure != c.sure {
			t.Errorf("%s: kind %q sure %v, want %q %v", c.file, kind, sure, c.kind, c.sure)
		}
		_, err := a.SureKind()
		if (err == nil) != c.sure {
			t.Errorf("%s: SureKind error %v", c.file, err)
		}
		if err != nil && !strings.Contains(err.Error(), c.kind+" ") {
			t.Errorf("%s: the error does not name the candidates: %v", c.file, err)
		}
	}
}

func TestValues(t *testing.T) {
	a := read(t, "outlook-html.eml")
	tpl := &catalog.Template{Spec: catalog.Spec{Requires: []string{"role"}}}
	values, _ := a.Values(tpl, nil)
	if values["role"] != "Senior Data Analyst" || values["company"] != "" {
		t.Errorf("values for a template that takes role only: %v", values)
	}
	tpl.Optional = []string{"company"}
	values, _ = a.Values(tpl, map[string]string{"role": "Analyst"})
	if values["role"] != "Analyst" || values["company"] != "Northwind Traders" {
		t.Errorf("given values must win, optional ones come too: %v", values)
	}
}

func TestTo(t *testing.T) {
	if got := read(t, "reply-to.eml").To(); got != "maria.chen@example.org" {
		t.Errorf("Reply-To: To is %q", got)
	}
	if got := read(t, "linkedin-notification.eml").To(); got != "" {
		t.Errorf("a notification is answered on the site, not to %q", got)
	}
}

func TestReply(t *testing.T) {
	a := read(t, "gmail-alternative.eml")
	r := &compose.Reply{Subject: "About your request", Body: "Hi Scott,\n\nNo.\n"}
	m, err := a.Reply(r, "Pat Morgan <pat@example.com>", true)
	if err != nil {
		t.Fatal(err)
	}
	h := m.Headers
	if h.From != "Pat Morgan <pat@example.com>" || !strings.HasSuffix(h.MessageID, "@example.com>") {
		t.Errorf("From %q, Message-ID %q", h.From, h.MessageID)
	}
	if h.InReplyTo != a.Message.MessageID || h.References[len(h.References)-1] != a.Message.MessageID {
		t.Errorf("In-Reply-To %q, References %v", h.InReplyTo, h.References)
	}
	if r.Subject != "Re: Recommendation on LinkedIn?" {
		t.Errorf("subject %q", r.Subject)
	}
	if !strings.Contains(r.Body, "No.\n\nOn ") || !strings.Contains(r.Body, " wrote:\n> Hi Pat,\n") {
		t.Errorf("quoted body:\n%s", r.Body)
	}

	// Without the user's address, deliver makes the Message-ID.
	m, err = read(t, "no-message-id.eml").Reply(&compose.Reply{Subject: "S", Body: "B\n"}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if m.Headers.MessageID != "" || m.Headers.InReplyTo != "" || len(m.Headers.References) != 0 {
		t.Errorf("headers without an address or a Message-ID: %+v", m.Headers)
	}
}
