package compose

import (
	"errors"
	"strings"
	"testing"
)

// TestCheckBrief: a body of BriefLimit characters (a last line break not
// counted, a letter of two bytes one) fits; one character more is a
// LongError that counts them.
func TestCheckBrief(t *testing.T) {
	fits := strings.Repeat("é", BriefLimit) + "\n"
	if err := CheckBrief(fits); err != nil {
		t.Errorf("%d characters: %v", BriefLimit, err)
	}
	var le *LongError
	if err := CheckBrief(fits + "x"); !errors.As(err, &le) || le.Chars != BriefLimit+2 {
		t.Errorf("got %v, want a LongError of %d characters", err, BriefLimit+2)
	}
}
