package sheet

import (
	"errors"
	"testing"
)

func TestDelimiter(t *testing.T) {
	for in, want := range map[string]rune{"": 0, ",": ',', "Comma": ',', ";": ';', "semicolon": ';', "tab": '\t', "\t": '\t', `\t`: '\t', "|": '|', "PIPE": '|', ":": ':', "^": '^', "#": '#'} {
		if got, ok := Delimiter(in); !ok || got != want {
			t.Errorf("Delimiter(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{`"`, "space", " ", ",,", "a", "7", ".", "-", "é"} {
		if _, ok := Delimiter(in); ok {
			t.Errorf("Delimiter(%q) is accepted", in)
		}
	}
}

func TestParseMap(t *testing.T) {
	m, err := ParseMap([]string{"Kind=Request type", "note = Notes"})
	if err != nil || m["kind"] != "Request type" || m["note"] != " Notes" {
		t.Fatalf("ParseMap = %v, %v", m, err)
	}
	for _, bad := range [][]string{{"kind"}, {"=Notes"}, {"kind= "}, {"kind=A", "Kind=B"}, {"relationship=How", "email= how "}} {
		var me *MapError
		if _, err := ParseMap(bad); !errors.As(err, &me) {
			t.Errorf("ParseMap(%q) = %v, want a *MapError", bad, err)
		}
	}
	var me *MapError
	if _, err := ParseMap([]string{"name=How", "relationship=How"}); !errors.As(err, &me) || me.Also != "name" || me.Field != "relationship" {
		t.Errorf("two fields on one heading: %v, want a *MapError naming name and relationship", err)
	}
}

func TestSeenSeparator(t *testing.T) {
	for in, want := range map[string]rune{
		"name:email:relationship": ':', "Full Name^Email": '^', "name;email": ';', "a#b:c#d": '#', "name email relationship": ' ',
		"What did they ask for?": 0, "Email Address": 0, "name": 0, "jane.doe@example.com": 0, "name::": 0,
	} {
		if got := SeenSeparator(in); got != want {
			t.Errorf("SeenSeparator(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLooksLikeEmail(t *testing.T) {
	for h, want := range map[string]bool{
		"Email 1": true, "E-mail 1 - Value": true, "Email address (work)": true, "E-Mail privat": true,
		"Correo 2": true, "Courriel (travail)": true, "Name": false, "Relationship": false, "Phone 1 - Value": false,
	} {
		if got := LooksLikeEmail(h); got != want {
			t.Errorf("LooksLikeEmail(%q) = %v, want %v", h, got, want)
		}
	}
}
