package prompt

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestAccessibleSelect(t *testing.T) {
	var out bytes.Buffer
	a := NewAccessible(strings.NewReader("zero\n7\n2\n"), &out)
	i, err := a.Select("How do you know Scott?", []string{"Stranger", "Colleague", "Friend"}, 0)
	if err != nil || i != 1 {
		t.Fatalf("Select = %d, %v; want 1", i, err)
	}
	want := "How do you know Scott?\n  1. Stranger\n  2. Colleague\n  3. Friend\n" +
		"Enter a number from 1 to 3 (press Enter for 1): Sorry, \"zero\" is not one of the numbers or choices. Please try again.\n" +
		"Enter a number from 1 to 3 (press Enter for 1): Sorry, \"7\" is not one of the numbers or choices. Please try again.\n" +
		"Enter a number from 1 to 3 (press Enter for 1): "
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestAccessibleDefaultsAndValidation(t *testing.T) {
	var out bytes.Buffer
	a := NewAccessible(strings.NewReader("\n\n  Scott  \n"), &out)
	i, err := a.Select("Kind?", []string{"a", "b"}, 1)
	if err != nil || i != 1 {
		t.Fatalf("Enter should pick the default: %d, %v", i, err)
	}
	name, err := a.Input("Name", "", func(s string) error {
		if s == "" {
			return errors.New("a name is needed")
		}
		return nil
	})
	if err != nil || name != "Scott" {
		t.Fatalf("Input = %q, %v", name, err)
	}
	if !strings.Contains(out.String(), "Sorry, a name is needed. Please try again.") {
		t.Errorf("validation message missing:\n%s", out.String())
	}
}

func TestAccessibleEndOfInputCancels(t *testing.T) {
	a := NewAccessible(strings.NewReader(""), &bytes.Buffer{})
	if _, err := a.Input("Name", "", nil); !errors.Is(err, ErrCancelled) {
		t.Errorf("Input at EOF: %v", err)
	}
	if _, err := a.Select("Kind?", []string{"a"}, 0); !errors.Is(err, ErrCancelled) {
		t.Errorf("Select at EOF: %v", err)
	}
}

func TestAccessibleSelectOptionTakesLabelOrID(t *testing.T) {
	options := []Option{{Label: "We have never met", ID: "stranger"}, {Label: "I do not have the time", ID: "busy", Words: []string{"swamped", "too busy"}}}
	for _, c := range []struct {
		typed string
		want  int
	}{{"busy\n", 1}, {"  BUSY \n", 1}, {"we have never met\n", 0}, {"2\n", 1}, {"bus\nstranger\n", 0}, {"Swamped\n", 1}, {"too busy\n", 1}} {
		var out bytes.Buffer
		i, err := NewAccessible(strings.NewReader(c.typed), &out).SelectOption("How do you know Scott?", options, -1)
		if err != nil || i != c.want {
			t.Errorf("typing %q chose %d, %v; want %d\n%s", c.typed, i, err, c.want, out.String())
		}
		if !strings.Contains(out.String(), "  2. I do not have the time (busy)\n") || !strings.Contains(out.String(), "or the word in brackets: ") {
			t.Errorf("the ids are not shown:\n%s", out.String())
		}
	}
}

func TestPageSizeFitsTheTerminal(t *testing.T) {
	options := []string{"We have never met (probably a request sent to everyone)", "short", "short", "short", "short", "short", "short", "short"}
	if got := pageSize("How do you know Scott?", options, 50, 14); got != 5 {
		// 14 rows: 1 kept free, 2 for the question and its hint, 2 for
		// each option as tall as the longest.
		t.Errorf("pageSize at 50x14 = %d, want 5", got)
	}
	if got := pageSize("Q?", options, 150, 40); got != len(options) {
		t.Errorf("pageSize at 150x40 = %d, want all %d", got, len(options))
	}
	if got := pageSize("Q?", options, 0, 0); got != len(options) {
		t.Errorf("pageSize with no size = %d, want all", got)
	}
}

// The menu's filter matches an option's other words too: "friend" finds
// social.
func TestOptionFilterMatchesWords(t *testing.T) {
	o := Option{Label: "We know each other socially", ID: "social", Words: []string{"friend", "acquaintance"}}
	for typed, want := range map[string]bool{"soc": true, "Acquaint": true, "friend": true, "stranger": false} {
		if got := o.matches(typed); got != want {
			t.Errorf("%q matches %q: %v, want %v", typed, o.Label, got, want)
		}
	}
}
