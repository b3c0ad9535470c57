package send

import (
	"errors"
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

type appender struct {
	n   int
	err error
}

func (a *appender) Append([]byte, time.Time) error {
	if a.err != nil {
		return a.err
	}
	a.n++
	return nil
}

func TestSaver(t *testing.T) {
	box := &appender{}
	var heard []int
	s := &Saver{Box: box, Progress: func(n int) { heard = append(heard, n) }}
	for range 2 {
		if err := s.Save(&Item{Source: "rows.csv", Line: 2}); err != nil {
			t.Fatal(err)
		}
	}
	if box.n != 2 || s.Counts.Sent != 2 || len(heard) != 2 || heard[1] != 2 {
		t.Errorf("saved %d, counted %d, heard %v", box.n, s.Counts.Sent, heard)
	}
	box.err = errors.New("no room")
	err := s.Save(&Item{Source: "rows.csv", Line: 4})
	if err == nil || err.Error() != "rows.csv:4: no room" || s.Counts.Sent != 2 {
		t.Errorf("error %v, counted %d", err, s.Counts.Sent)
	}
}
