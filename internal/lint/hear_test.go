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

func TestStem(t *testing.T) {
	endings := []string{"s", "es", "e", "ed", "ing", "ment", "ement", "ements", "ation", "tion", "er", "ly"}
	for _, family := range [][]string{
		{"endorse", "endorsed", "endorsing", "endorsement", "endorsements", "endorser"},
		{"introduce", "introduced", "introducing", "introduction"},
		{"recommend", "recommended", "recommending", "recommendation", "recommender"},
		{"reference", "references"},
		{"honest", "honestly"},
	} {
		for _, w := range family[1:] {
			if a, b := stem(family[0], endings), stem(w, endings); a != b {
				t.Errorf("stem(%q) = %q, stem(%q) = %q; want the same", family[0], a, w, b)
			}
		}
	}
	// A stem keeps four letters: "refer" is not "ref"; and words of
	// different families stay apart.
	for _, pair := range [][2]string{{"refer", "referral"}, {"refer", "ref"}, {"person", "personal"}, {"state", "station"}} {
		if a, b := stem(pair[0], endings), stem(pair[1], endings); a == b {
			t.Errorf("stem(%q) = stem(%q) = %q; want them apart", pair[0], pair[1], a)
		}
	}
	if got := stem("endorsing", nil); got != "endorsing" {
		t.Errorf("stem without endings = %q, want the word", got)
	}
}
