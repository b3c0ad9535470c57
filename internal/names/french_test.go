package names_test

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/names"
	"github.com/decline-cli/decline/templates"
)

func TestFrenchPrepositions(t *testing.T) {
	cases := []struct{ in, de, a, chez string }{
		{"Antoine Mercier", "d’Antoine Mercier", "à Antoine Mercier", "chez Antoine Mercier"},
		{"Élodie Moreau", "d’Élodie Moreau", "à Élodie Moreau", "chez Élodie Moreau"},
		{"Marc Dubois", "de Marc Dubois", "à Marc Dubois", "chez Marc Dubois"},
		{"Airbus", "d’Airbus", "à Airbus", "chez Airbus"},
		{"IBM", "d’IBM", "à IBM", "chez IBM"},
		{"Yves Roux", "d’Yves Roux", "à Yves Roux", "chez Yves Roux"},
		{"Yann Le Goff", "de Yann Le Goff", "à Yann Le Goff", "chez Yann Le Goff"},
		{"Mme Leroy", "de Mme Leroy", "à Mme Leroy", "chez Mme Leroy"},
		{"ma directrice", "de ma directrice", "à ma directrice", "chez ma directrice"},
		{"la BNP", "de la BNP", "à la BNP", "à la BNP"},
		{"le Crédit Agricole", "du Crédit Agricole", "au Crédit Agricole", "au Crédit Agricole"},
		{"les Galeries Lafayette", "des Galeries Lafayette", "aux Galeries Lafayette", "aux Galeries Lafayette"},
		{"l’Assemblée nationale", "de l’Assemblée nationale", "à l’Assemblée nationale", "à l’Assemblée nationale"},
		{"l'équipe RH", "de l'équipe RH", "à l'équipe RH", "à l'équipe RH"},
		{"L’Oréal", "de L’Oréal", "à L’Oréal", "chez L’Oréal"},
		{"Le Monde", "de Le Monde", "à Le Monde", "chez Le Monde"},
		{"  Decathlon ", "de Decathlon", "à Decathlon", "chez Decathlon"},
		{"le", "de le", "à le", "chez le"},
		{"", "de ", "à ", "chez "},
	}
	for _, c := range cases {
		if got := names.De(c.in); got != c.de {
			t.Errorf("De(%q) = %q, want %q", c.in, got, c.de)
		}
		wantQue := "que " + strings.TrimSpace(c.in)
		if strings.HasPrefix(c.de, "d’") {
			wantQue = "qu’" + strings.TrimSpace(c.in)
		}
		if got := names.Que(c.in); got != wantQue {
			t.Errorf("Que(%q) = %q, want %q", c.in, got, wantQue)
		}
		if got := names.A(c.in); got != c.a {
			t.Errorf("A(%q) = %q, want %q", c.in, got, c.a)
		}
		if got := names.Chez(c.in); got != c.chez {
			t.Errorf("Chez(%q) = %q, want %q", c.in, got, c.chez)
		}
	}
}

// TestFrenchEn: a field takes "en", a piece of work with its article "sur".
func TestFrenchEn(t *testing.T) {
	cases := [][2]string{
		{"comptabilité", "en comptabilité"}, {" photographie de mariage", "en photographie de mariage"},
		{"architecture", "en architecture"}, {"la refonte du site", "sur la refonte du site"},
		{"le site web", "sur le site web"}, {"les traductions", "sur les traductions"},
		{"l’audit annuel", "sur l’audit annuel"}, {"La Poste", "en La Poste"},
	}
	for _, c := range cases {
		if got := names.En(c[0]); got != c[1] {
			t.Errorf("En(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestSpokenTitles: French greets a titled name by the title in full,
// alone ("Bonjour Docteur,"), as templates/fr/locale.yaml says.
func TestSpokenTitles(t *testing.T) {
	var fr *catalog.Locale
	for _, l := range templates.Locales {
		if l.Lang == "fr" {
			fr = l
		}
	}
	if fr == nil {
		t.Fatal("no French locale")
	}
	for _, c := range []struct{ in, want string }{
		{"Dr Claire Dubois", "Docteur"},
		{"Dr. Claire Dubois", "Docteur"},
		{"DR CLAIRE DUBOIS", "Docteur"},
		{"Mme Leroy", "Madame"},
		{"M. Jean Martin", "Monsieur"},
		{"Me Durand", "Maître"},
		{"Pr Hélène Roux", "Professeur"},
		{"Claire Dubois", "Claire"},
		{"Dr", "Dr"},
	} {
		if got := fr.Names.Addressee(c.in); got != c.want {
			t.Errorf("French Addressee(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := english.Addressee("Dr Claire Dubois"); got != "Dr Dubois" {
		t.Errorf("English Addressee(Dr Claire Dubois) = %q, want Dr Dubois", got)
	}
}
