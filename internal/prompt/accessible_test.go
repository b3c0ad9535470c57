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
		"Enter a number from 1 to 3 (press Enter for 1): Sorry, \"zero\" is not one of the numbers. Please try again.\n" +
		"Enter a number from 1 to 3 (press Enter for 1): Sorry, \"7\" is not one of the numbers. Please try again.\n" +
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
