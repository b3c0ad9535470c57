package deliver

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/templates"
)

// TestFormatTable holds every entry of the table to what its fields
// promise, so that a new format is one entry and this test.
func TestFormatTable(t *testing.T) {
	tmpl := catalog.FromSpecs(templates.Specs(), catalog.DefaultSource)[0]
	req := &compose.Request{Name: "Scott Lee", Sender: "Jo", Signoff: "Best", Values: map[string]string{}}
	for _, n := range tmpl.Requires {
		req.Values[n] = "Go"
	}
	reply, err := compose.Render(tmpl, req)
	if err != nil {
		t.Fatal(err)
	}
	p, err := compose.NewRenderer().Prepare(tmpl, req)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := range Table {
		f := &Table[i]
		t.Run(f.Name, func(t *testing.T) {
			switch {
			case f.Name == "" || seen[f.Name]:
				t.Fatalf("format %d has no name of its own", i)
			case f.Help == "":
				t.Error("no help")
			case f.One == nil && f.Append == nil:
				t.Error("neither for one reply nor for batch")
			case f.Append == nil && (f.Stream || f.Ext != "" || f.Checked):
				t.Error("Stream, Ext or Checked set on a format batch cannot write")
			case f.Ext != "" && !strings.HasPrefix(f.Ext, "."):
				t.Errorf("extension %q does not start with a dot", f.Ext)
			}
			seen[f.Name] = true
			if got, ok := Lookup(f.Name); !ok || got != f {
				t.Errorf("Lookup(%q) = %v, %v", f.Name, got, ok)
			}
			msg := &Message{Reply: reply, To: "scott@example.com"}
			if f.One != nil {
				data, err := Render(msg, f.Name)
				if err != nil || len(data) == 0 {
					t.Errorf("Render: %q, %v", data, err)
				}
			}
			if f.Append != nil {
				e := &Encoder{EML: EMLOptions{Date: time.Unix(0, 0), MessageID: "x@example.com"}}
				data, err := f.Append(e, []byte("<"), 2, "scott@example.com", p)
				if err != nil || !bytes.HasPrefix(data, []byte("<")) || len(data) < 2 {
					t.Errorf("Append: %q, %v", data, err)
				}
				// The fast path gives what one reply's encoder gives.
				if f.One != nil {
					one, _ := f.One(&Message{Reply: reply, To: "scott@example.com"})
					if f.Name != "eml" && !bytes.Equal(data[1:], one) {
						t.Errorf("Append gives %q, One %q", data[1:], one)
					}
				}
			}
		})
	}
	for _, tc := range []struct {
		keep func(*OutputFormat) bool
		def  string
		want string
	}{{ForOne, DefaultOne, "text, json, eml, mailto"}, {ForBatch, DefaultBatch, "jsonl, text, eml, mbox"}} {
		if got := strings.Join(Names(tc.keep, tc.def), ", "); got != tc.want {
			t.Errorf("Names = %s, want %s", got, tc.want)
		}
	}
}
