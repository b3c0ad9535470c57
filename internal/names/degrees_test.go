package names

import "testing"

func TestDegreesAfterTitle(t *testing.T) {
	r := &Rules{Titles: []string{"dr", "prof", "herr"}, Courtesy: []string{"herr"}, Degrees: []string{"med", "rer", "nat", "dent", "hc"}}
	cases := [][2]string{
		{"Dr. med. Hans Meier", "Hans"},
		{"Prof. Dr. rer. nat. Anna Schulz", "Anna"},
		{"Dr. med. dent. Jan Roth", "Jan"},
		{"Prof. Dr. h.c. Eva Berg", "Eva"},
		{"Nat Smith", "Nat"}, // a degree is a name when no title is before it
		{"Med Ali", "Med"},
	}
	for _, c := range cases {
		if got := r.First(c[0]); got != c[1] {
			t.Errorf("First(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	if !r.OnlyTitles("Dr. med.") || r.OnlyTitles("Nat") {
		t.Errorf("OnlyTitles: Dr. med. %v, Nat %v", r.OnlyTitles("Dr. med."), r.OnlyTitles("Nat"))
	}
	if got := r.Formal("Herr Dr. med. Hans Meier"); got != "Herr Dr. Meier" && got != "Herr Dr. med. Meier" {
		t.Errorf("Formal = %q", got)
	}
}
