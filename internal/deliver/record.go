package deliver

import (
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/jsonenc"
)

// AppendRecord appends a prepared reply as one line of JSON: the bytes
// AppendJSON writes for its Record with Line and Email set, built without
// reflection, for batch's hot path.
func AppendRecord(dst []byte, line int, email string, p *compose.Prepared) []byte {
	t := p.Template
	dst = append(dst, '{')
	if line != 0 {
		dst = append(dst, `"line":`...)
		dst = jsonenc.AppendInt(dst, line)
		dst = append(dst, ',')
	}
	dst = append(dst, `"name":`...)
	dst = jsonenc.AppendString(dst, p.Name)
	if email != "" {
		dst = append(dst, `,"email":`...)
		dst = jsonenc.AppendString(dst, email)
	}
	dst = append(dst, `,"kind":`...)
	dst = jsonenc.AppendString(dst, t.Kind)
	dst = append(dst, `,"relationship":`...)
	dst = jsonenc.AppendString(dst, t.Relationship)
	dst = append(dst, `,"tone":`...)
	dst = jsonenc.AppendString(dst, t.Tone)
	dst = append(dst, `,"template":`...)
	dst = jsonenc.AppendString(dst, t.ID)
	dst = append(dst, `,"variant":`...)
	dst = jsonenc.AppendInt(dst, p.Variant)
	dst = append(dst, `,"subject":`...)
	dst = jsonenc.AppendString(dst, p.Subject)
	dst = append(dst, `,"body":"`...)
	dst = p.AppendBodyJSON(dst)
	return append(dst, "\"}\n"...)
}
