package deliver

import (
	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/jsonenc"
)

// RecordEncoder writes prepared replies as JSON Lines records, keeping
// the JSON of what each template's records share. The zero value is
// ready; it is not safe for concurrent use.
type RecordEncoder struct {
	meta map[*catalog.Template][]byte
	// The last subject and its JSON: most templates' subjects are fixed.
	subject     string
	subjectJSON []byte
}

// Append appends a prepared reply as one line of JSON: the bytes
// AppendJSON writes for its Record with Line and Email set, built
// without reflection for batch's hot path (a test holds the two equal).
func (e *RecordEncoder) Append(dst []byte, line int, email string, p *compose.Prepared) []byte {
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
	meta, ok := e.meta[p.Template]
	if !ok {
		if e.meta == nil {
			e.meta = map[*catalog.Template][]byte{}
		}
		meta = appendMeta(nil, p.Template)
		e.meta[p.Template] = meta
	}
	dst = append(dst, meta...)
	dst = append(dst, `,"variant":`...)
	dst = jsonenc.AppendInt(dst, p.Variant)
	if p.Subject != e.subject || e.subjectJSON == nil {
		e.subject = p.Subject
		e.subjectJSON = jsonenc.AppendString(e.subjectJSON[:0], p.Subject)
	}
	dst = append(dst, `,"subject":`...)
	dst = append(dst, e.subjectJSON...)
	dst = append(dst, `,"body":"`...)
	dst = p.AppendBodyJSON(dst)
	return append(dst, "\"}\n"...)
}

// appendMeta appends the template's fields of a record.
func appendMeta(dst []byte, t *catalog.Template) []byte {
	dst = append(dst, `,"kind":`...)
	dst = jsonenc.AppendString(dst, t.Kind)
	dst = append(dst, `,"relationship":`...)
	dst = jsonenc.AppendString(dst, t.Relationship)
	dst = append(dst, `,"tone":`...)
	dst = jsonenc.AppendString(dst, t.Tone)
	dst = append(dst, `,"lang":`...)
	dst = jsonenc.AppendString(dst, t.Lang)
	dst = append(dst, `,"template":`...)
	return jsonenc.AppendString(dst, t.ID)
}
