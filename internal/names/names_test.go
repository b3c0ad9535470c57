package names_test

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/names"
	"github.com/decline-cli/decline/templates"
)

// english is the English rules, as templates/en/locale.yaml gives them.
var english = &templates.English.Names

func TestFirst(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Alexandra Kim", "Alexandra"},
		{"  Ana María Ruiz ", "Ana María"},
		{"Ana Maria Ruiz", "Ana Maria"},
		{"ANA MARÍA RUIZ", "Ana María"},
		{"Ruiz, Ana María", "Ana María"},
		{"Dr. Juan Carlos Pérez", "Juan Carlos"},
		{"Jean Paul Gaultier", "Jean Paul"},
		{"Juan Carlos", "Juan"},
		{"Ana Smith", "Ana"},
		{"Ana Marías Ruiz", "Ana"},
		{"Dr. Jane Smith", "Jane"},
		{"Prof. Dr. Hans Weber", "Hans"},
		{"Dr. Weber", "Dr. Weber"},
		{"Mr. Smith", "Mr. Smith"},
		{"MS. LEE", "Ms. Lee"},
		{"Dr. J. Smith", "Dr. Smith"},
		{"Mr Smith 🚀", "Mr Smith"},
		{"Dr.", "Dr"},
		{"Lee, Scott", "Scott"},
		{"Scott Lee, PhD", "Scott"},
		{"Scott Lee, Jr.", "Scott"},
		{"Madonna", "Madonna"},
		{"JANE SMITH", "Jane"},
		{"O'BRIEN", "O'Brien"},
		{"MARÍA JOSÉ FERNÁNDEZ-ORTEGA", "María José"},
		{"JEAN-LUC PICARD", "Jean-Luc"},
		{"AJ Smith", "AJ"},
		{"J. Robert Oppenheimer", "Robert"},
		{"J.R.R. Tolkien", "J.R.R"},
		{"J. Smith", "J"},
		{"E. Jean Carroll", "Jean"},
		{"Scott Lee 🚀", "Scott"},
		{"🚀 Scott Lee", "Scott"},
		{"Scott🚀 Lee", "Scott"},
		{"(Bob) Jones", "Bob"},
		{"Capt. Jane Smith", "Jane"},
		{"Rev. Al Green", "Al"},
		{"Herr Hans Weber", "Hans"},
		{"Sra. Ana Ruiz", "Ana"},
		{"Eng. Omar Haddad", "Omar"},
		{"Sir Paul McCartney", "Paul"},
		{"李伟", "李伟"},
		{"🚀", "🚀"},
		{"", ""},
	} {
		if got := english.First(c.in); got != c.want {
			t.Errorf("First(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestValue(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Maria Lopez", "Maria"},
		{" Priya Natarajan ", "Priya"},
		{"our CTO, Ann Lee", "Ann"},
		{"María José Fernández", "María José"},
		{"the hiring manager", "the hiring manager"},
		{"the head of recruiting at Globex", "the head of recruiting"},
		{"a recruiter I know at Stripe", "the recruiter I know"},
		{"an investor from Lisbon", "the investor"},
		{"the CFO, who hired me", "the CFO"},
		{"someone at Globex", "someone at Globex"},
		{"Dr. Eva Lind, our Chief Technology Officer", "Eva"},
		{"recruiters", "recruiters"},
		// A job title before a name is skipped, as a title is.
		{"CTO Ann Lee", "Ann"},
		{"our CTO Ann Lee", "Ann"},
		{"VP Ana María Ruiz", "Ana María"},
		{"the CTO", "the CTO"},
		{"CTO", "CTO"},
		{"CTO of Globex", "CTO"},
		{"the CTO at Globex", "the CTO"},
		{"Priya", "Priya"},
		{"", ""},
	} {
		if got := english.Value(c.in); got != c.want {
			t.Errorf("Value(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSignature(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Dr. Miriam Katz", "Miriam Katz"},
		{"Prof. Dr. Hans Weber", "Hans Weber"},
		{"Scott Lee, PhD", "Scott Lee"},
		{"Lee, Scott", "Scott Lee"},
		{"Weber, Prof. Hans", "Hans Weber"},
		{"Capt. Ana María Ortiz", "Ana María Ortiz"},
		{" Jordan Avery ", "Jordan Avery"},
		{"Mary Ann Evans", "Mary Ann Evans"},
		{"Dr.", "Dr."},
		{"", ""},
	} {
		if got := english.Signature(c.in); got != c.want {
			t.Errorf("Signature(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A doctorate makes a doctor only in a language that says how one is
// greeted.
func TestDoctorateWithoutTitle(t *testing.T) {
	r := names.Rules{Doctorates: []string{"phd"}}
	if got := r.Addressee("Robert Smith, PhD"); got != "Robert" {
		t.Errorf("Addressee without a doctor title = %q, want Robert", got)
	}
	r.Doctor = "Dr."
	if got := r.Addressee("Robert Smith, PhD"); got != "Dr. Smith" {
		t.Errorf("Addressee = %q, want Dr. Smith", got)
	}
}

func TestAddressee(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Dr. Jane Smith", "Dr. Smith"},
		{"Prof. Dr. Hans Weber", "Prof. Weber"},
		{"Dr Jane Smith", "Dr Smith"},
		{"Dr. Jane Smith, PhD", "Dr. Smith"},
		{"Robert Smith, PhD", "Dr. Smith"},
		{"Robert Smith, Ph.D.", "Dr. Smith"},
		{"ROBERT SMITH, PHD", "Dr. Smith"},
		{"Robert Smith, MD", "Dr. Smith"},
		{"Jane Roe, MBA, PhD", "Dr. Roe"},
		{"Smith, Robert, M.D.", "Dr. Smith"},
		{"Ludwig van Beethoven, PhD", "Dr. van Beethoven"},
		{"Robert Smith, MBA", "Robert"},
		{"Smith, PhD", "Smith"},
		{"DR. JANE SMITH", "Dr. Smith"},
		{"Dr. Ludwig van Beethoven", "Dr. van Beethoven"},
		{"Dr. Smith", "Dr. Smith"},
		{"Weber, Prof. Hans", "Prof. Weber"},
		{"Sir Paul McCartney", "Sir Paul"},
		{"Dame Judi Dench", "Dame Judi"},
		{"Dr. Ana María Ruiz", "Dr. Ruiz"},
		{"Ana María Ruiz", "Ana María"},
		{"Mme Claire Dubois 🌷", "Mme Dubois"},
		{"Jane Smith", "Jane"},
		{"Lee, Scott", "Scott"},
		{"JANE SMITH", "Jane"},
		{"Dr.", "Dr"},
		{"", ""},
	} {
		if got := english.Addressee(c.in); got != c.want {
			t.Errorf("Addressee(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWithArticle(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Engineering Manager", "an Engineering Manager"},
		{"Senior Accountant", "a Senior Accountant"},
		{"MBA intern", "an MBA intern"},
		{"UX designer", "a UX designer"},
		{"HR partner", "an HR partner"},
		{"CTO", "a CTO"},
		{"SEO specialist", "an SEO specialist"},
		{"NASA engineer", "a NASA engineer"},
		{"HTML developer", "an HTML developer"},
		{"hourly contractor", "an hourly contractor"},
		{"honorary fellow", "an honorary fellow"},
		{"university lecturer", "a university lecturer"},
		{"user researcher", "a user researcher"},
		{"European sales lead", "a European sales lead"},
		{"one-year contract", "a one-year contract"},
		{"urban planner", "an urban planner"},
		{"X-ray technician", "an X-ray technician"},
		{"8-week internship", "an 8-week internship"},
		{"18-month role", "an 18-month role"},
		{"180-day contract", "a 180-day contract"},
		{"3D artist", "a 3D artist"},
		{"the Staff Engineer role", "the Staff Engineer role"},
		{"Our CTO", "Our CTO"},
		{"an engineer", "an engineer"},
		{"  staff engineer ", "a staff engineer"},
		{"Ökonom", "an Ökonom"},
		{"", ""},
	} {
		if got := english.WithArticle(c.in); got != c.want {
			t.Errorf("WithArticle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := (&names.Rules{}).WithArticle("engineer"); got != "engineer" {
		t.Errorf("without article rules: %q", got)
	}
}

// The template functions rely on these bounds for the sandbox's
// guarantees: the result is at most a few bytes more than twice the input.
func FuzzBounded(f *testing.F) {
	f.Add("Dr. Jane Smith")
	f.Add("ɐɐɐ ƏƏ")
	f.Add("O'BRIEN, PHD")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{english.First(s), english.Value(s), english.Addressee(s), english.WithArticle(s)} {
			if len(out) > 2*len(s)+8 {
				t.Fatalf("%q gave %q", s, out)
			}
		}
		if strings.TrimSpace(s) == "" && english.WithArticle(s) != "" {
			t.Fatal("article for nothing")
		}
	})
}

func BenchmarkFirst(b *testing.B) {
	for b.Loop() {
		english.First("Alexandra Kim")
	}
}

func TestFull(t *testing.T) {
	for in, want := range map[string]string{
		"Jana Müller":           "Jana Müller",
		"JANA MÜLLER":           "Jana Müller",
		"Lee, Scott":            "Scott Lee",
		"Scott Lee, PhD":        "Scott Lee",
		"Jana":                  "Jana",
		"J. Robert Oppenheimer": "Robert Oppenheimer",
		"Ludwig van Beethoven":  "Ludwig van Beethoven",
		"Jana Maria Müller":     "Jana Müller",
		"Mr. Smith":             "Mr. Smith",
	} {
		if got := english.Full(in); got != want {
			t.Errorf("Full(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFamilyAll: with FamilyAll (Spanish), the family name is every word
// after the given name, so that a greeting keeps the first of two
// surnames, which is the one that counts.
func TestFamilyAll(t *testing.T) {
	spanish := names.Rules{
		Titles:    []string{"dr", "dra", "sr", "sra"},
		Compounds: []string{"maría josé"},
		FamilyAll: true,
	}
	for _, c := range []struct{ in, full, addressee string }{
		{"Jana Ruiz García", "Jana Ruiz García", "Jana"},
		{"Jana Ruiz", "Jana Ruiz", "Jana"},
		{"María José Ruiz García", "María José Ruiz García", "María José"},
		{"Dra. María José Ruiz García", "María José Ruiz García", "Dra. Ruiz García"},
		{"Sr. José Ortega y Gasset", "José Ortega y Gasset", "Sr. Ortega y Gasset"},
		{"Dr. Ruiz", "Dr. Ruiz", "Dr. Ruiz"},
		{"J. Roberto Pérez Gil", "Roberto Pérez Gil", "Roberto"},
		{"Ruiz García, Ana", "Ana Ruiz García", "Ana"},
		{"Jana", "Jana", "Jana"},
	} {
		if got := spanish.Full(c.in); got != c.full {
			t.Errorf("Full(%q) = %q, want %q", c.in, got, c.full)
		}
		if got := spanish.Addressee(c.in); got != c.addressee {
			t.Errorf("Addressee(%q) = %q, want %q", c.in, got, c.addressee)
		}
	}
}

// A name typed all in lower case is greeted with capitals, the particles
// of a surname kept lower case; any other name is left as typed.
func TestGreeting(t *testing.T) {
	for _, c := range []struct{ name, part, want string }{
		{"anna van der berg", "anna", "Anna"},
		{"anna van der berg", "anna van der berg", "Anna van der Berg"},
		{"josé de la cruz", "josé de la cruz", "José de la Cruz"},
		{"mary-jane o'brien", "mary-jane", "Mary-Jane"},
		{"danah boyd", "danah boyd", "Danah Boyd"},
		{"Anna van der Berg", "Anna", "Anna"},
		{"bell hooks Bell", "bell", "bell"},
		{"ANNA", "Anna", "Anna"},
		{"42", "42", "42"},
	} {
		if got := english.Greeting(c.name, c.part); got != c.want {
			t.Errorf("Greeting(%q, %q) = %q, want %q", c.name, c.part, got, c.want)
		}
	}
}

func TestOnlyTitles(t *testing.T) {
	for in, want := range map[string]bool{
		"Dr.": true, "mr": true, "Prof. Dr.": true, " MS ": true, "(Dr.)": true,
		"Dr. Smith": false, "Jane": false, "": false, "...": false, "Dr. J.": false, "Drake": false,
	} {
		if got := english.OnlyTitles(in); got != want {
			t.Errorf("OnlyTitles(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestCourtesyKeepsNextTitle holds a formal greeting to the title after
// a form of address ("Herr Dr. Wagner"), and to the first title alone
// after any other ("Prof. Weber").
func TestCourtesyKeepsNextTitle(t *testing.T) {
	r := &names.Rules{Titles: []string{"herr", "frau", "dr", "prof"}, Courtesy: []string{"herr", "frau"}}
	for _, c := range []struct{ in, want string }{
		{"Herr Dr. Thomas Wagner", "Herr Dr. Wagner"},
		{"Frau Prof. Dr. Anna Lange", "Frau Prof. Lange"},
		{"Prof. Dr. Hans Weber", "Prof. Weber"},
		{"HERR DR. THOMAS WAGNER", "Herr Dr. Wagner"},
		{"Herr Thomas Wagner", "Herr Wagner"},
	} {
		if got := r.Formal(c.in); got != c.want {
			t.Errorf("Formal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
