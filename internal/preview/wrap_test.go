package preview

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		name, text string
		width      int
		want       string
	}{
		{"fits", "Hi Scott,\n\nNo.\n", 20, "Hi Scott,\n\nNo.\n"},
		{"between words", "I must say no to the endorsement you asked for.", 20,
			"I must say no to the\nendorsement you\nasked for."},
		{"wide characters count twice", "谢谢 你的 请求 但是 不行", 10, "谢谢 你的\n请求 但是\n不行"},
		{"combining marks count none", "Zoe\u0308 Zoe\u0308 Zoe\u0308", 7, "Zoe\u0308 Zoe\u0308\nZoe\u0308"},
		{"a long word keeps its own line", "see https://example.com/a/very/long/path now", 12,
			"see\nhttps://example.com/a/very/long/path\nnow"},
		{"no width", "a b c", 0, "a b c"},
	} {
		got := Wrap(c.text, c.width)
		if got != c.want {
			t.Errorf("%s: Wrap(%q, %d) =\n%q\nwant\n%q", c.name, c.text, c.width, got, c.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if runewidth.StringWidth(l) > c.width && c.width > 0 && strings.Contains(l, " ") {
				t.Errorf("%s: line %q is wider than %d", c.name, l, c.width)
			}
		}
	}
}

func TestRule(t *testing.T) {
	for _, c := range []struct{ width, want int }{{0, RuleWidth}, {50, 50}, {200, RuleWidth}} {
		if got := runewidth.StringWidth(Rule(c.width)); got != c.want {
			t.Errorf("Rule(%d) is %d columns, want %d", c.width, got, c.want)
		}
	}
}

func TestHomePath(t *testing.T) {
	for _, c := range []struct{ path, home, want string }{
		{"/home/alexandra/.config/decline/config.yaml", "/home/alexandra", "~/.config/decline/config.yaml"},
		{"/home/alexandra/.config/decline/config.yaml", "/home/alexandra/", "~/.config/decline/config.yaml"},
		{"/home/alexandrb/config.yaml", "/home/alexandra", "/home/alexandrb/config.yaml"},
		{"/home/alexandra2/config.yaml", "/home/alexandra", "/home/alexandra2/config.yaml"},
		{"/etc/decline/config.yaml", "", "/etc/decline/config.yaml"},
		{"/home/alexandra", "/home/alexandra", "/home/alexandra"},
		{"/etc/config.yaml", "/", "/etc/config.yaml"},
	} {
		if got := HomePath(c.path, c.home); got != c.want {
			t.Errorf("HomePath(%q, %q) = %q, want %q", c.path, c.home, got, c.want)
		}
	}
}
