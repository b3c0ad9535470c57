package langs

import "testing"

func TestMatch(t *testing.T) {
	have := []string{"de", "en", "es", "fr"}
	for _, c := range []struct{ in, want string }{
		{"de", "de"}, {"DE", "de"}, {"de-AT", "de"}, {"de_DE.UTF-8", "de"}, {"de_CH@euro", "de"},
		{"fr_CA.utf8", "fr"}, {"es-419", "es"}, {"en_GB.UTF-8", "en"},
		{"C", ""}, {"POSIX", ""}, {"", ""}, {"C.UTF-8", ""}, {"nl_NL.UTF-8", ""}, {"not a tag", ""},
	} {
		got, ok := Match(have, c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Match(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	// The matcher is asked when the catalog has a regional form or a
	// close language.
	if got, ok := Match([]string{"en", "pt-br"}, "pt_BR.UTF-8"); got != "pt-br" || !ok {
		t.Errorf("Match(pt_BR) = %q, %v", got, ok)
	}
	if got, ok := Match([]string{"en", "no"}, "nb_NO.UTF-8"); got != "no" || !ok {
		t.Errorf("Match(nb_NO) = %q, %v", got, ok)
	}
}

func TestFromEnv(t *testing.T) {
	have := []string{"de", "en"}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "de_DE.UTF-8"}, "de"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "de_AT.UTF-8", "LC_MESSAGES": "en_US"}, "de"},
		// The first one set decides, even when it names no language of
		// the catalog: LC_ALL=C means no language, not "ask LANG".
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, ""},
		{map[string]string{}, ""},
	} {
		got, _ := FromEnv(env(c.env), have)
		if got != c.want {
			t.Errorf("FromEnv(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestDetect(t *testing.T) {
	words := map[string][]string{
		"de": {"und", "ich", "nicht", "ihnen", "sie", "für", "mit", "eine", "ist"},
		"en": {"and", "the", "you", "for", "with", "would", "is", "my"},
		"fr": {"et", "je", "vous", "pour", "avec", "une", "est", "pas"},
	}
	for _, c := range []struct{ text, want string }{
		{"Hallo Herr Weber, ich würde mich freuen, wenn Sie mir eine Empfehlung für LinkedIn schreiben. Vielen Dank und beste Grüße", "de"},
		{"Hi Pat, would you write me a recommendation for the analyst role? Thanks and my best", "en"},
		{"Bonjour, je me permets de vous écrire pour une recommandation. Merci et bonne journée", "fr"},
		{"Hi", ""},                 // too short to tell
		{"und the and ich", ""},    // a tie
		{"Référence: und ist", ""}, // two hits only
	} {
		got, ok := Detect(c.text, words)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Detect(%q) = %q, %v; want %q", c.text, got, ok, c.want)
		}
	}
}

// A language's name, in English or in itself and in any case, names it
// too, when the catalog has it.
func TestMatchName(t *testing.T) {
	have := []string{"de", "en", "fr"}
	for _, c := range []struct{ want, lang string }{
		{"Deutsch", "de"}, {"German", "de"}, {"Français", "fr"}, {"français", "fr"},
		{"FRENCH", "fr"}, {"English", "en"}, {"Spanish", ""}, {"Klingon", ""},
	} {
		got, ok := Match(have, c.want)
		if got != c.lang || ok != (c.lang != "") {
			t.Errorf("Match(%v, %q) = %q, %v; want %q", have, c.want, got, ok, c.lang)
		}
	}
}
