package prompt

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"
)

func TestLayout(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		cols int
		want place // where the cursor stands after the text
		rows int
	}{
		{"short", "abc", 10, place{0, 3}, 1},
		{"fills the row to the edge", "abcdefghij", 10, place{1, 0}, 1},
		{"wraps", "abcdefghijk", 10, place{1, 1}, 2},
		{"a wide character that does not fit goes to the next row", "abcdefghi谢", 10, place{1, 2}, 2},
		{"wide characters fill the row", "谢谢谢谢谢", 10, place{1, 0}, 1},
		{"unknown width", strings.Repeat("a", 300), 0, place{0, 300}, 1},
		{"empty", "", 10, place{0, 0}, 1},
	} {
		places := layout([]rune(c.text), c.cols)
		if got := places[len(places)-1]; got != c.want {
			t.Errorf("%s: the cursor ends at %+v, want %+v", c.name, got, c.want)
		}
		if got := rows(c.text, c.cols); got != c.rows {
			t.Errorf("%s: rows = %d, want %d", c.name, got, c.rows)
		}
	}
	if p := layout([]rune("abcdefghi谢"), 10)[9]; p != (place{1, 0}) {
		t.Errorf("the wide character is drawn at %+v, want the start of the second row", p)
	}
}

// typeKeys runs a lineInput cols wide on keys and returns its answer,
// what it drew and its error.
func typeKeys(t *testing.T, cols int, keys string, validate func(string) error) (string, string, error) {
	t.Helper()
	return ask(t, "Name?", cols, keys, validate)
}

// ask is typeKeys with a question of its own.
func ask(t *testing.T, message string, cols int, keys string, validate func(string) error) (string, string, error) {
	t.Helper()
	return run(t, &lineInput{cols: cols, message: message}, keys, validate)
}

// run reads an answer with in from keys, read as NewSurvey reads them,
// and returns it, what in drew and its error.
func run(t *testing.T, in *lineInput, keys string, validate func(string) error) (string, string, error) {
	t.Helper()
	defer func(was bool) { core.DisableColor = was }(core.DisableColor)
	core.DisableColor = true
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := w.WriteString(keys); err != nil {
		t.Fatal(err)
	}
	w.Close()
	var out strings.Builder
	in.out = &out
	answer, err := in.read(terminal.NewRuneReader(terminal.Stdio{In: escReader{r}, Out: os.Stderr}), validate)
	return answer, out.String(), err
}

func TestLineInputEditing(t *testing.T) {
	for _, c := range []struct{ name, keys, want string }{
		{"typed", "Scott Lee\r", "Scott Lee"},
		{"backspace", "Scott Leex\x7f\r", "Scott Lee"},
		{"left and insert", "ScottLee\x1b[D\x1b[D\x1b[D \r", "Scott Lee"},
		{"home, end and delete", "xScott\x1b[H\x1b[3~\x1b[F Lee\r", "Scott Lee"},
		{"home and end of tmux, screen, the console and PuTTY", "Lee\x1b[1~Scott \x1b[4~!\r", "Scott Lee!"},
		{"home and end of rxvt", "Lee\x1b[7~Scott \x1b[8~!\r", "Scott Lee!"},
		{"ctrl-a and ctrl-e", "Lee\x01Scott \x05!\r", "Scott Lee!"},
		{"ctrl-w deletes a word", "Scott Smith\x17Lee\r", "Scott Lee"},
		{"ctrl-u deletes to the start", "Jordan\x15Scott Lee\r", "Scott Lee"},
		{"control keys are not typed", "Scott\x07 Lee\r", "Scott Lee"},
	} {
		answer, _, err := typeKeys(t, 80, c.keys, nil)
		if err != nil || answer != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.name, answer, err, c.want)
		}
	}
}

func TestLineInputRefusesThenTakes(t *testing.T) {
	need := func(s string) error {
		if s == "" {
			return errors.New("a name is needed")
		}
		return nil
	}
	answer, drawn, err := typeKeys(t, 80, "\rScott\r", need)
	if err != nil || answer != "Scott" {
		t.Fatalf("got %q, %v; want Scott", answer, err)
	}
	if !strings.Contains(drawn, "X Sorry, a name is needed. Please try again.") {
		t.Errorf("the refusal is not shown:\n%q", drawn)
	}
	if !strings.HasSuffix(drawn, "? Name? Scott\n") {
		t.Errorf("the answered question is not drawn last:\n%q", drawn)
	}
}

func TestLineInputCancels(t *testing.T) {
	if _, _, err := typeKeys(t, 80, "Sco\x03", nil); !errors.Is(err, ErrCancelled) {
		t.Errorf("Ctrl-C: got %v, want cancelled", err)
	}
	if _, _, err := typeKeys(t, 80, "Sco", nil); err == nil {
		t.Error("the input closed before Enter: got no error")
	}
}

// TestLineInputAnswerWrapsBetweenWords: the answered question is wrapped
// at a space, a column short of the edge, not cut in a word.
func TestLineInputAnswerWrapsBetweenWords(t *testing.T) {
	answer, drawn, err := typeKeys(t, 20, "We should catch up soon\r", nil)
	if err != nil || answer != "We should catch up soon" {
		t.Fatalf("got %q, %v", answer, err)
	}
	if !strings.HasSuffix(drawn, "? Name? We should\ncatch up soon\n") {
		t.Errorf("the answer is not wrapped between words:\n%q", drawn)
	}
}

// TestFitMenu: a question too wide for its hint ends its line, and a
// choice too wide is wrapped between words, indented under its first
// line; in a wide terminal, or one of unknown width, both are as given.
func TestFitMenu(t *testing.T) {
	options := []string{"Print it", "We have never met (probably a request sent to everyone)"}
	msg, shown := fitMenu("How do you know Scott?", options, 50)
	if msg != "How do you know Scott?\n" || shown[0] != "Print it" || shown[1] != "We have never met (probably a request sent to\n  everyone)" {
		t.Errorf("at 50 columns: %q, %q", msg, shown)
	}
	for _, cols := range []int{0, 120} {
		if msg, shown := fitMenu("How do you know Scott?", options, cols); msg != "How do you know Scott?" || !slices.Equal(shown, options) {
			t.Errorf("at %d columns: %q, %q; want them as given", cols, msg, shown)
		}
	}
	if rowsOf(msg+menuHint, 50) != 2 || rowsOf(shown[1], 50) != 2 {
		t.Errorf("rowsOf counts %d and %d rows, want 2 and 2", rowsOf(msg+menuHint, 50), rowsOf(shown[1], 50))
	}
}

// TestLineInputQuestionWrapsBetweenWords: a question wider than the
// terminal is drawn wrapped between words as it is asked, as well as
// once answered.
func TestLineInputQuestionWrapsBetweenWords(t *testing.T) {
	answer, drawn, err := ask(t, "Send this reply to scott@example.com? [y/N]", 30, "y\r", nil)
	if err != nil || answer != "y" {
		t.Fatalf("got %q, %v", answer, err)
	}
	if !strings.Contains(drawn, "? Send this reply to\nscott@example.com? [y/N] y\r") {
		t.Errorf("the question is not wrapped between words as it is asked:\n%q", drawn)
	}
	if !strings.HasSuffix(drawn, "? Send this reply to\nscott@example.com? [y/N] y\n") {
		t.Errorf("the answered question is not wrapped between words:\n%q", drawn)
	}
}

// TestLineInputDefault: the default is shown in brackets after the
// question; Enter alone takes it, and a typed answer replaces it.
func TestLineInputDefault(t *testing.T) {
	for _, c := range []struct{ keys, want string }{{"\r", "Data Analyst"}, {"Analyst\r", "Analyst"}} {
		answer, drawn, err := run(t, &lineInput{cols: 80, message: "Which role?", def: "Data Analyst"}, c.keys, nil)
		if err != nil || answer != c.want {
			t.Errorf("keys %q: got %q, %v; want %q", c.keys, answer, err, c.want)
		}
		if !strings.Contains(drawn, "? Which role? (Data Analyst) ") || !strings.HasSuffix(drawn, "? Which role? "+c.want+"\n") {
			t.Errorf("keys %q drew:\n%q", c.keys, drawn)
		}
	}
}
