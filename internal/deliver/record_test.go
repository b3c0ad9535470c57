package deliver

import (
	"bytes"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/templates"
)

// TestAppendRecordMatchesAppendJSON holds the hand-built batch record to
// the reflection-based one, for every default template.
func TestAppendRecordMatchesAppendJSON(t *testing.T) {
	r := compose.NewRenderer()
	var enc RecordEncoder
	values := map[string]string{"skill": "Go & <C>", "role": "R\"D", "company": "", "contact": "李伟", "service": "tax\\help\u00e9"}
	for i, tmpl := range catalog.FromSpecs(templates.Specs(), catalog.DefaultSource) {
		for _, c := range []struct {
			line  int
			email string
			name  string
		}{{i + 2, "a@example.com", "Zoë \"Z\" Ångström"}, {0, "", "Scott"}} {
			req := &compose.Request{Name: c.name, Sender: "Jo", Signoff: "Best", Values: values}
			p, err := r.Prepare(tmpl, req)
			if err != nil {
				t.Fatal(err)
			}
			got := enc.Append([]byte("x"), c.line, c.email, p)
			reply, _ := compose.Render(tmpl, req)
			rec := NewRecord(&Message{Reply: reply})
			rec.Line, rec.Email = c.line, c.email
			want, err := AppendJSON([]byte("x"), rec)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s:\n got %s\nwant %s", tmpl.ID, got, want)
			}
			// Again, now that the encoder holds this template's fields.
			if got := enc.Append([]byte("x"), c.line, c.email, p); !bytes.Equal(got, want) {
				t.Fatalf("%s: second record:\n got %s\nwant %s", tmpl.ID, got, want)
			}
		}
	}
}

// BenchmarkRecordEncoder is batch's writer: one JSON Lines record a call.
func BenchmarkRecordEncoder(b *testing.B) {
	r := compose.NewRenderer()
	tmpl := catalog.FromSpecs(templates.Specs(), catalog.DefaultSource)[0]
	req := &compose.Request{Name: "Alexandra Kim", Sender: "Jordan", Signoff: "Best", Values: map[string]string{"skill": "Go"}}
	p, err := r.Prepare(tmpl, req)
	if err != nil {
		b.Fatal(err)
	}
	var enc RecordEncoder
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		buf = enc.Append(buf[:0], 42, "alexandra@example.com", p)
	}
	b.SetBytes(int64(len(buf)))
}
