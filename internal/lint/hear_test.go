package lint

import "testing"

func TestBareValue(t *testing.T) {
	const v = "Senior Accountant"
	for text, want := range map[string]string{
		"to work as Senior Accountant here":                        "as ",
		"for the Senior Accountant role":                           "",
		"for a Senior Accountant":                                  "",
		"your Senior Accountant application":                       "",
		"Northwind's Senior Accountant opening":                    "",
		"Senior Accountant roles are hard to fill":                 "",
		"the role (Senior Accountant) at Northwind":                "",
		"for the Senior Accountant role, and as Senior Accountant": "as ",
	} {
		got, bare := bareValue(text, v, []string{"a", "the", "your"})
		if got != want || bare != (want != "") {
			t.Errorf("bareValue(%q) = %q, %v; want %q", text, got, bare, want)
		}
	}
}

func TestOpening(t *testing.T) {
	for body, want := range map[string]string{
		"Hi Ann,\n\nThanks so much. I will pass.":  "Thanks so much.",
		"Hi Ann, thanks so much! I will pass.":     "thanks so much!",
		"Dear Dr. Smith,\n\nThank you. I decline.": "Thank you.",
		"Hi Ann,\nNo sentence end":                 "No sentence end",
	} {
		if got := opening(body, "Ann"); got != want {
			t.Errorf("opening(%q) = %q, want %q", body, got, want)
		}
	}
}

func TestFragmentsAndWords(t *testing.T) {
	got := fragments("Thanks, Ann. I'd rather not;\n\nsee you soon")
	want := []string{"Thanks", " Ann", " I'd rather not", "see you soon"}
	if len(got) != len(want) {
		t.Fatalf("fragments = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("fragments = %q, want %q", got, want)
		}
	}
	if w := words("well-known, D'Arcy's 3 ‘quotes’ — 42"); len(w) != 3 || w[0] != "well-known" || w[1] != "D'Arcy's" || w[2] != "quotes" {
		t.Errorf("words = %q", w)
	}
}
