package send

import (
	"testing"
	"time"
)

func TestParseRate(t *testing.T) {
	for in, want := range map[string]time.Duration{"20/min": 3 * time.Second, "1/min": time.Minute, "0/min": 0, "20": 0, "20/s": 0, "-1/min": 0} {
		got, ok := ParseRate(in)
		if got != want || ok != (want != 0) {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}
