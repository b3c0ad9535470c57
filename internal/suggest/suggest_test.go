package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := [][]string{{"draft"}, {"batch"}, {"templates"}, {"template-format", "format"}}
	for _, tc := range []struct{ typed, want string }{
		{"drat", "draft"}, {"DRAFT", "draft"}, {"tem", "templates"}, {"formt", "template-format"},
		{"bach", "batch"}, {"zzzzzz", ""}, {"d", ""},
	} {
		if got := Closest(tc.typed, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
	if d := Distance("kitten", "sitting"); d != 3 {
		t.Errorf("Distance(kitten, sitting) = %d, want 3", d)
	}
}
