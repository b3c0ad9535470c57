package catalog

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"

	"github.com/decline-cli/decline/internal/oserr"
)

// Select returns the templates f selects, in id order.
func (c *Catalog) Select(f Filter) []*Template {
	var out []*Template
	for _, t := range c.All() {
		if f.Match(t) {
			out = append(out, t)
		}
	}
	return out
}

// ListHeader names the columns of ListRows.
var ListHeader = []string{"ID", "LANG", "KIND", "RELATIONSHIP", "TONE", "VARIANTS", "SOURCE"}

// ListRows lists templates as rows of a table under ListHeader.
func ListRows(ts []*Template) [][]string {
	rows := make([][]string, len(ts))
	for i, t := range ts {
		rows[i] = []string{t.ID, t.Lang, t.Kind, t.Relationship, t.Tone, strconv.Itoa(len(t.Variants)), t.Source}
	}
	return rows
}

// listInfo is one template in ListJSON.
type listInfo struct {
	ID           string `json:"id"`
	Lang         string `json:"lang"`
	Kind         string `json:"kind"`
	Relationship string `json:"relationship"`
	Tone         string `json:"tone"`
	Variants     int    `json:"variants"`
	Source       string `json:"source"`
}

// ListJSON lists templates as one indented JSON array of objects.
func ListJSON(ts []*Template) ([]byte, error) {
	infos := make([]listInfo, len(ts))
	for i, t := range ts {
		infos[i] = listInfo{t.ID, t.Lang, t.Kind, t.Relationship, t.Tone, len(t.Variants), t.Source}
	}
	// Encoded whole before it is written, so an error never leaves half
	// an array.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(infos); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DirState says whether a template directory exists: "exists",
// "missing", "not a directory" or "unreadable: " and why.
func DirState(dir string) string {
	info, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		return "missing"
	case err != nil:
		return "unreadable: " + oserr.Cause(err).Error()
	case !info.IsDir():
		return "not a directory"
	}
	return "exists"
}
