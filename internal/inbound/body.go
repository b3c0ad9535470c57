package inbound

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/textproto"
	"strings"

	"github.com/decline-cli/decline/internal/safetext"
)

// A MIME tree deeper or wider than this is not a request someone typed.
const (
	maxDepth = 8
	maxParts = 200
)

// textFinder walks a MIME tree for the first text/plain and the first
// text/html part that are not attachments.
type textFinder struct {
	plain *string
	html  *htmlPart // decoded only when there is no text/plain
	parts int
}

type htmlPart struct {
	get    func(string) string
	body   []byte
	params map[string]string
}

// bodyText returns the text of a message or part whose header get reads,
// and the media type it came from: text/plain when there is some,
// text/html converted to text otherwise.
func bodyText(get func(string) string, body []byte) (string, string, error) {
	var f textFinder
	if err := f.walk(get, body, 0); err != nil {
		return "", "", err
	}
	if f.plain != nil && (strings.TrimSpace(*f.plain) != "" || f.html == nil) {
		return *f.plain, "text/plain", nil
	}
	if f.html != nil {
		s, err := decodePart(f.html.get, f.html.body, f.html.params)
		if err != nil {
			return "", "", fmt.Errorf("the text/html part %w", err)
		}
		return htmlText(s), "text/html", nil
	}
	return "", "", nil
}

func (f *textFinder) found() bool { return f.plain != nil || f.html != nil }

func (f *textFinder) walk(get func(string) string, body []byte, depth int) error {
	mt, params := "text/plain", map[string]string{}
	if ct := get("Content-Type"); strings.TrimSpace(ct) != "" {
		t, p, err := mime.ParseMediaType(ct)
		switch {
		case t != "":
			mt, params = t, p
		case err != nil && depth > 0:
			return nil // a part we cannot even name is not the text
		}
	}
	if depth > 0 {
		if d, _, _ := mime.ParseMediaType(get("Content-Disposition")); d == "attachment" {
			return nil
		}
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		return f.walkMultipart(body, params["boundary"], depth)
	case mt == "text/plain" && f.plain == nil:
		s, err := decodePart(get, body, params)
		if err != nil {
			return fmt.Errorf("the text/plain part %w", err)
		}
		if strings.EqualFold(params["format"], "flowed") {
			s = unflow(s, strings.EqualFold(params["delsp"], "yes"))
		}
		f.plain = &s
	case mt == "text/html" && f.html == nil:
		f.html = &htmlPart{get, body, params}
	}
	return nil
}

func (f *textFinder) walkMultipart(body []byte, boundary string, depth int) error {
	if depth >= maxDepth {
		return fmt.Errorf("the message's MIME parts are nested more than %d deep", maxDepth)
	}
	if boundary == "" {
		return errors.New("the message has a multipart part with no boundary")
	}
	parts, closed := splitMultipart(body, boundary, maxParts-f.parts+1)
	if len(parts) == 0 {
		return fmt.Errorf("the message's MIME structure is broken: no part starts with the boundary %s", safetext.Quote(boundary))
	}
	for _, raw := range parts {
		if f.parts++; f.parts > maxParts {
			return fmt.Errorf("the message has more than %d MIME parts", maxParts)
		}
		h, body, err := splitHeader(raw)
		if err != nil {
			err = errors.New("the message's MIME structure is broken: a part's header cannot be read")
		} else {
			err = f.walk(h.Get, body, depth+1)
		}
		if err != nil {
			if f.found() {
				return nil // the text is found: what is broken after it is not read
			}
			return err
		}
	}
	if !closed && !f.found() {
		return errors.New("the message's MIME structure is broken: its last part has no closing boundary")
	}
	return nil
}

// splitMultipart returns the parts of a multipart body (RFC 2046 5.1.1),
// each without the line break before the next delimiter, and whether the
// closing delimiter came, stopping after max parts. The preamble and the
// epilogue are left out.
// It works on the message in memory: mime/multipart would bring
// crypto/rand, and its start-up cost, into the binary for the boundaries
// of a writer decline never uses.
func splitMultipart(body []byte, boundary string, max int) (parts [][]byte, closed bool) {
	delim := "--" + boundary
	start := -1 // where the current part's bytes begin
	for i := 0; i < len(body); {
		end := bytes.IndexByte(body[i:], '\n')
		next := len(body)
		if end >= 0 {
			next = i + end + 1
		}
		line := bytes.TrimRight(body[i:next], " \t\r\n")
		if bytes.HasPrefix(line, []byte(delim)) {
			rest := line[len(delim):]
			if len(rest) == 0 || string(rest) == "--" {
				if start >= 0 {
					parts = append(parts, trimLineEnd(body[start:i]))
				}
				if len(rest) > 0 || len(parts) >= max {
					return parts, len(rest) > 0
				}
				start = next
			}
		}
		i = next
	}
	if start >= 0 && start < len(body) {
		parts = append(parts, body[start:])
	}
	return parts, false
}

// trimLineEnd drops the line break that belongs to the delimiter after
// a part.
func trimLineEnd(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// splitHeader reads the header of a message or part and returns it and
// the body after it, which shares raw's memory. A header that ends the
// data, with no body, is complete.
func splitHeader(raw []byte) (textproto.MIMEHeader, []byte, error) {
	rd := bytes.NewReader(raw)
	br := bufio.NewReader(rd)
	h, err := textproto.NewReader(br).ReadMIMEHeader()
	if err == io.EOF && (len(h) > 0 || len(bytes.TrimSpace(raw)) == 0) {
		return h, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return h, raw[len(raw)-rd.Len()-br.Buffered():], nil
}

// decodePart undoes a part's transfer encoding and charset. The text
// comes back in UTF-8 with LF line endings.
func decodePart(get func(string) string, raw []byte, params map[string]string) (string, error) {
	var err error
	switch cte := strings.ToLower(strings.TrimSpace(get("Content-Transfer-Encoding"))); cte {
	case "", "7bit", "8bit", "binary":
	case "quoted-printable":
		raw = decodeQP(raw)
	case "base64":
		if raw, err = decodeBase64(raw); err != nil {
			return "", errors.New("is not valid base64")
		}
	default:
		return "", fmt.Errorf("uses the transfer encoding %s, which cannot be read", safetext.Quote(cte))
	}
	s, err := decodeCharset(params["charset"], raw)
	if err != nil {
		return "", err
	}
	return normalizeNewlines(s), nil
}

// decodeQP decodes quoted-printable (RFC 2045 6.7) leniently, as mail
// clients do: white space at the ends of lines is dropped, "=" at the end
// of a line joins it to the next, "=XY" is the byte XY in either case,
// and an "=" that starts neither stays as it is. It never fails, and
// is several times faster than mime/quotedprintable's byte-wise reader.
func decodeQP(raw []byte) []byte {
	out := make([]byte, 0, len(raw))
	for len(raw) > 0 {
		line, rest, found := bytes.Cut(raw, []byte("\n"))
		raw = rest
		line = bytes.TrimRight(line, " \t\r")
		soft := bytes.HasSuffix(line, []byte("="))
		if soft {
			line = line[:len(line)-1]
		}
		for len(line) > 0 {
			i := bytes.IndexByte(line, '=')
			if i < 0 {
				out = append(out, line...)
				break
			}
			out = append(out, line[:i]...)
			if i+2 < len(line) && isHex(line[i+1]) && isHex(line[i+2]) {
				out = append(out, unhex(line[i+1])<<4|unhex(line[i+2]))
				line = line[i+3:]
				continue
			}
			out = append(out, '=')
			line = line[i+1:]
		}
		if found && !soft {
			out = append(out, '\n')
		}
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// decodeBase64 decodes base64 spread over lines, with or without its
// final padding, as senders write it.
func decodeBase64(raw []byte) ([]byte, error) {
	clean := make([]byte, 0, len(raw))
	for _, c := range raw {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			clean = append(clean, c)
		}
	}
	for len(clean)%4 != 0 && !bytes.HasSuffix(clean, []byte("=")) {
		clean = append(clean, '=')
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(out, clean)
	return out[:n], err
}

// normalizeNewlines turns CR LF and lone CR into LF.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// unflow joins the soft line breaks of format=flowed text (RFC 3676): a
// line ending in a space continues on the next line of the same quote
// depth. With delsp the space is the sender's, not the text's.
func unflow(s string, delsp bool) string {
	var b strings.Builder
	b.Grow(len(s))
	soft, prevDepth := false, 0
	for line := range strings.Lines(s) {
		line = strings.TrimSuffix(line, "\n")
		depth := 0
		for depth < len(line) && line[depth] == '>' {
			depth++
		}
		content := strings.TrimPrefix(line[depth:], " ") // space-stuffing
		nowSoft := strings.HasSuffix(content, " ") && content != "-- "
		if nowSoft && delsp {
			content = content[:len(content)-1]
		}
		if soft && depth == prevDepth {
			b.WriteString(content)
		} else {
			if soft {
				b.WriteByte('\n')
			}
			b.WriteString(line[:depth])
			if depth > 0 && content != "" {
				b.WriteByte(' ')
			}
			b.WriteString(content)
		}
		if soft = nowSoft; !soft {
			b.WriteByte('\n')
		}
		prevDepth = depth
	}
	return b.String()
}
