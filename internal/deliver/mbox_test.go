package deliver

import "testing"

func TestAppendMbox(t *testing.T) {
	msg := "Subject: Hi\r\n\r\nFrom here on,\r\n>From the top\r\n>>From  x\r\nFromage\r\n From space"
	got := string(AppendMbox(nil, []byte(msg)))
	want := MboxFrom + "Subject: Hi\n\n>From here on,\n>>From the top\n>>>From  x\nFromage\n From space\n\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	two := string(AppendMbox(AppendMbox(nil, []byte("A: 1\n\nx\n")), []byte("B: 2\n\ny\n")))
	if want := MboxFrom + "A: 1\n\nx\n\n" + MboxFrom + "B: 2\n\ny\n\n"; two != want {
		t.Errorf("two messages:\n%q\nwant\n%q", two, want)
	}
}
