package deliver

import (
	"encoding/json"
	"mime"
	"net/mail"
	"os/exec"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/testenv"
)

// encodedWordNames look like RFC 2047 encoded-words, or hold pieces of
// them. Each is someone's literal name: it must read back as exactly that
// text, in any reader, never as what the "encoded-word" says.
var encodedWordNames = []string{
	"=?utf-8?q?Evil=0D=0ABcc:_x@y.com?=",
	"=?utf-8?b?RXZpbA0KQmNjOiB4QHkuY29t?=",
	"=?utf-8?q?Zo=C3=AB?=",
	"Scott =?utf-8?q?=0D=0A?= Lee",
	`Zoë "=?x?q?y?=" \ z`,
	"=?", "?=", "a=?b", "=?utf-8?q?" + strings.Repeat("A=0A", 40) + "?=",
}

// TestEncodedWordNamesReadBackLiterally: a name that only looks like
// encoded-words, from the reply (--name, a batch's name cell) or from
// the sender, is written as encoded-words of its own text.
func TestEncodedWordNamesReadBackLiterally(t *testing.T) {
	for _, name := range encodedWordNames {
		m := newMessage(name, "S", "B\n", "s@example.com")
		out, err := EML(m, EMLOptions{Date: fixedDate, MessageID: "f@example.org", From: "me@example.org"})
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		to := headerValue(t, out, "To")
		if strings.Contains(to, `"=?`) || strings.Contains(to, "=?utf-8?q?Evil") {
			t.Errorf("%q: the name is written as it is: To: %s", name, to)
		}
		checkOneRecipient(t, to, name, "s@example.com")
	}
}

// TestQuotedEncodedWordNameIsRefused: net/mail leaves a quoted display
// name as it is, but lenient readers (Python's email package) decode the
// encoded-words inside it. A quoted name that decodes to a line break,
// or any character the policy refuses, is refused like an unquoted one.
func TestQuotedEncodedWordNameIsRefused(t *testing.T) {
	for in, want := range map[string]string{
		`"=?utf-8?q?Evil=0D=0ABcc:_x@y.com?=" <s@example.com>`: "has a display name that, decoded, contains a line break (U+000D)",
		`"=?utf-8?b?RXZpbAoK?=" <s@example.com>`:               "has a display name that, decoded, contains a line break (U+000A)",
		`"x =?x-unknown?q?=0A?= y" <s@example.com>`:            "has a display name that, decoded, contains a line break (U+000A)",
		`"=?utf-8?q?=1B]52;c;x=07?=" <s@example.com>`:          "has a display name that, decoded, contains an escape character (U+001B)",
	} {
		if _, err := ParseAddress(in); err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %s", in, err, want)
		}
		if CheckAddress(in) == nil {
			t.Errorf("%s: CheckAddress accepted it", in)
		}
		if _, err := EML(newMessage("A", "S", "B\n", in), EMLOptions{}); err == nil {
			t.Errorf("%s: EML accepted it", in)
		}
	}
	// A quoted name whose encoded-words are harmless is kept, literally.
	m := newMessage("A", "S", "B\n", `"=?utf-8?q?Zo=C3=AB?=" <z@example.com>`)
	out, err := EML(m, EMLOptions{Date: fixedDate, MessageID: "f@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	checkOneRecipient(t, headerValue(t, out, "To"), "=?utf-8?q?Zo=C3=AB?=", "z@example.com")
}

// TestEncodedWordNamesInPython reads each message back with Python's
// email package, which decodes encoded-words even inside quoted strings:
// under both its default and strict policies there is one To recipient,
// with the literal name, and no Bcc.
func TestEncodedWordNamesInPython(t *testing.T) {
	python := testenv.LookPath(t, "python3", "skipping the read-back with Python's email parser")
	var msgs []string
	for _, name := range encodedWordNames {
		out, err := EML(newMessage(name, "S", "B\n", "s@example.com"), EMLOptions{Date: fixedDate, MessageID: "f@example.org"})
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		msgs = append(msgs, string(out))
	}
	in, _ := json.Marshal(msgs)
	const script = `
import email, email.policy, json, sys
out = []
for raw in json.load(sys.stdin):
    row = []
    for policy in (email.policy.default, email.policy.strict):
        m = email.message_from_string(raw, policy=policy)
        row.append([[a.display_name, a.addr_spec] for a in m["To"].addresses] + [m["Bcc"] is None, len(m.get_all("To"))])
    out.append(row)
json.dump(out, sys.stdout)
`
	cmd := exec.Command(python, "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, got)
	}
	var rows [][][]any
	if err := json.Unmarshal(got, &rows); err != nil {
		t.Fatalf("python3 said %s: %v", got, err)
	}
	// Python (3.11) keeps the white space between adjacent encoded-words
	// in a display name, against RFC 2047 6.2, so a name long enough to
	// take two words gains a space there: names are compared without
	// spaces (net/mail, in the other tests, reads them back exactly).
	unspaced := func(v any) any {
		if s, ok := v.(string); ok {
			return strings.ReplaceAll(s, " ", "")
		}
		return v
	}
	for i, row := range rows {
		for p, r := range row {
			want := []any{[]any{unspaced(encodedWordNames[i]), "s@example.com"}, true, float64(1)}
			if a, ok := r[0].([]any); ok && len(a) == 2 {
				r[0] = []any{unspaced(a[0]), a[1]}
			}
			if len(r) != len(want) || !jsonEqual(r, want) {
				t.Errorf("%q, policy %d: Python reads %v, want %v", encodedWordNames[i], p, r, want)
			}
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// headerValue returns a header's unfolded value, raw.
func headerValue(t *testing.T, msg []byte, field string) string {
	t.Helper()
	head, _, _ := strings.Cut(string(msg), "\n\n")
	var val string
	found := false
	for _, line := range strings.Split(head, "\n") {
		switch {
		case found && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")):
			val += line
		case found:
			return val
		case strings.HasPrefix(line, field+": "):
			val, found = strings.TrimPrefix(line, field+": "), true
		}
	}
	if !found {
		t.Fatalf("no %s header in\n%s", field, msg)
	}
	return val
}

// checkOneRecipient reads an address field body as a strict parser
// (net/mail) and as a lenient one (decoding every encoded-word anywhere,
// quoted strings included) would: one address, the name exactly, and no
// line break either way.
func checkOneRecipient(t *testing.T, value, name, addr string) {
	t.Helper()
	list, err := mail.ParseAddressList(value)
	if err != nil || len(list) != 1 {
		t.Fatalf("%q: %q reads as %v, %v", name, value, list, err)
	}
	if list[0].Name != name || list[0].Address != addr {
		t.Errorf("%q: %q reads back as %q <%s>", name, value, list[0].Name, list[0].Address)
	}
	lenient, err := new(mime.WordDecoder).DecodeHeader(value)
	if err == nil && strings.ContainsAny(lenient, "\r\n") {
		t.Errorf("%q: %q decodes, leniently, to %q", name, value, lenient)
	}
}

// FuzzDisplayName: whatever name the encoder is given (that the policy
// accepts), the field it writes reads back as one address with exactly
// that name, and holds no line break however it is decoded.
func FuzzDisplayName(f *testing.F) {
	for _, s := range encodedWordNames {
		f.Add(s)
	}
	f.Add("Scott Lee")
	f.Add(`"Lee, Scott" \ <x>`)
	f.Add("Zoë Ñúñez-Łukasiewicz 李")
	f.Add(strings.Repeat("ab ", 60))
	f.Fuzz(func(t *testing.T, name string) {
		name = strings.TrimSpace(name)
		if name == "" || safetext.Check(name, false) != nil {
			return
		}
		value := strings.Join(addressSegments(name, "To", "a@example.com"), "")
		if strings.ContainsAny(value, "\r\n") {
			t.Fatalf("%q: the field holds a line break: %q", name, value)
		}
		checkOneRecipient(t, value, name, "a@example.com")
	})
}
