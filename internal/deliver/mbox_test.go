package deliver

import (
	"testing"
	"time"
)

func TestAppendMbox(t *testing.T) {
	const from = "From x@example.com Sat Jan  1 00:00:00 2000\n"
	msg := "Subject: Hi\r\n\r\nFrom here on,\r\n>From the top\r\n>>From  x\r\nFromage\r\n From space"
	got := string(AppendMbox(nil, from, []byte(msg)))
	want := from + "Subject: Hi\n\n>From here on,\n>>From the top\n>>>From  x\nFromage\n From space\n\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	two := string(AppendMbox(AppendMbox(nil, from, []byte("A: 1\n\nx\n")), from, []byte("B: 2\n\ny\n")))
	if want := from + "A: 1\n\nx\n\n" + from + "B: 2\n\ny\n\n"; two != want {
		t.Errorf("two messages:\n%q\nwant\n%q", two, want)
	}
}

func TestMboxFrom(t *testing.T) {
	date := time.Date(2026, 12, 1, 9, 5, 3, 0, time.FixedZone("", -5*3600))
	for _, c := range []struct{ from, want string }{
		{"Pat Morgan <pat@example.com>", "From pat@example.com Tue Dec  1 14:05:03 2026\n"},
		{"pat@example.com", "From pat@example.com Tue Dec  1 14:05:03 2026\n"},
		{"", "From MAILER-DAEMON Tue Dec  1 14:05:03 2026\n"},
		{"not an address", "From MAILER-DAEMON Tue Dec  1 14:05:03 2026\n"},
		{`Pat <"pat m"@example.com>`, `From "pat m"@example.com Tue Dec  1 14:05:03 2026` + "\n"},
		{`"a \"b\""@example.com`, `From "a \"b\""@example.com Tue Dec  1 14:05:03 2026` + "\n"},
		{"\"pat\nFrom x\"@example.com", "From MAILER-DAEMON Tue Dec  1 14:05:03 2026\n"},
	} {
		if got := MboxFrom(c.from, date); got != c.want {
			t.Errorf("MboxFrom(%q) = %q, want %q", c.from, got, c.want)
		}
	}
}
