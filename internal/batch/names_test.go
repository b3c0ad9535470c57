package batch

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Scott Lee":                    "scott-lee",
		"  Scott   LEE  ":              "scott-lee",
		"José Núñez":                   "jose-nunez",
		"Jose\u0301 Nu\u0303n\u0303ez": "jose-nunez", // decomposed (NFD)
		"Sco\u0301tt":                  "scott",
		"Zoë Ødegård-Strauß":           "zoe-odegard-strauss",
		"Sam O'Brien":                  "sam-obrien",
		"Lee, Ann":                     "lee-ann",
		"../../etc/passwd":             "etc-passwd",
		".hidden":                      "hidden",
		"a/b\\c:d*e?f\"g<h>i|j":        "a-b-c-d-e-f-g-h-i-j",
		"王小明":                          "王小明",
		"王芳":                           "王芳",
		"Άννα Παπαδοπούλου":            "άννα-παπαδοπούλου",
		"Иван Петров":                  "иван-петров",
		"ИВАН ПЕТРОВ":                  "иван-петров",
		"Nguyễn Thị Minh Khai":         "nguyen-thi-minh-khai",
		"Ștefan Țurcanu":               "stefan-turcanu",
		"देवनागरी नाम":                 "देवनागरी-नाम",
		"محمد علي":                     "محمد-علي",
		"Sam O’Brien":                  "sam-obrien",
		"王\u200b芳\u202e":               "王-芳",
		strings.Repeat("王", 30):        strings.Repeat("王", 20),
		"":                             "reply",
		"...":                          "reply",
		"Con":                          "con-reply",
		"com1":                         "com1-reply",
		"Dr. Priya Raman, PhD":         "dr-priya-raman-phd",
		"Line\nbreak\x1b[31m":          "line-break-31m",
		strings.Repeat("abc ", 40):     "abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc-abc",
		strings.Repeat("x", 100):       strings.Repeat("x", MaxSlug),
		"Ann \u202eevil\u202c Lee":     "ann-evil-lee",
		"Ørjan Łukasz Ðorđe Þór Æsa":   "orjan-lukasz-dorde-thor-aesa",
	}
	for in, want := range cases {
		got := Slug(in)
		if got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if len(got) > MaxSlug || !utf8.ValidString(got) || strings.ContainsAny(got, "./\\") || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") {
			t.Errorf("Slug(%q) = %q is not a safe stem", in, got)
		}
	}
}

func TestNamer(t *testing.T) {
	n := NewNamer(".txt")
	people := []string{"Scott Lee", "Scott Lee 2", "scott lee", "SCOTT LEE", "Ann", "王", "李", "Scott-Lee"}
	want := []string{"scott-lee.txt", "scott-lee-2.txt", "scott-lee-3.txt", "scott-lee-4.txt", "ann.txt", "王.txt", "李.txt", "scott-lee-5.txt"}
	var first []string
	for i, p := range people {
		got := n.Name(p)
		if got != want[i] {
			t.Errorf("Name(%q) = %q, want %q", p, got, want[i])
		}
		first = append(first, got)
	}
	// A second pass gives the same names.
	n.Reset()
	for i, p := range people {
		if got := n.Name(p); got != first[i] {
			t.Errorf("after Reset, Name(%q) = %q, want %q", p, got, first[i])
		}
	}
}

func TestNamerUnique(t *testing.T) {
	// Names that are numbered and names that look numbered never meet.
	n := NewNamer("")
	seen := map[string]bool{}
	for i := range 3000 {
		for _, p := range []string{"Scott Lee", "Scott Lee " + itoa(i%50), "Scott Lee 2 " + itoa(i%7)} {
			name := n.Name(p)
			if seen[name] {
				t.Fatalf("%q given twice", name)
			}
			seen[name] = true
		}
	}
}

func itoa(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func TestHashSet(t *testing.T) {
	var s hashSet
	if s.has(42) {
		t.Fatal("empty set has 42")
	}
	for i := uint64(0); i < 5000; i++ {
		s.add((i + 1) * 7919)
		s.add((i + 1) * 7919) // twice is once
	}
	if s.n != 5000 {
		t.Fatalf("n = %d, want 5000", s.n)
	}
	for i := uint64(0); i < 5000; i++ {
		if !s.has((i + 1) * 7919) {
			t.Fatalf("lost %d", (i+1)*7919)
		}
		if i%7919 != 0 && s.has(i) {
			t.Fatalf("has %d, never added", i)
		}
	}
	if len(s.slots)*3 < s.n*4 {
		t.Fatalf("table of %d slots holds %d: more than three quarters full", len(s.slots), s.n)
	}
}

// TestNameFitsLeavesOthersFiles: a name turned down for one row (its
// file is another person's) is still there for a later row, and numbers
// given are never given twice.
func TestNameFitsLeavesOthersFiles(t *testing.T) {
	owner := map[string]string{"scott-lee.eml": "a", "scott-lee-2.eml": "b"}
	n := NewNamer(".eml")
	fits := func(addr string) func(string) (bool, error) {
		return func(name string) (bool, error) {
			o, ok := owner[name]
			return !ok || o == addr, nil
		}
	}
	var got []string
	for _, addr := range []string{"new", "a", "b", "c"} {
		name, err := n.NameFits("Scott Lee", fits(addr))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, name)
	}
	want := []string{"scott-lee-3.eml", "scott-lee.eml", "scott-lee-2.eml", "scott-lee-4.eml"}
	if !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
}

func TestRecipientOf(t *testing.T) {
	for _, c := range []struct {
		in, ext, addr string
		known         bool
	}{
		{"To: Scott Lee <Scott@Example.org>\r\nSubject: x\r\n\r\nbody", ".eml", "scott@example.org", true},
		{"To: =?utf-8?q?Jos=C3=A9?= <jose@example.com>\n\nbody", ".eml", "jose@example.com", true},
		{"Subject: x\n\nbody", ".eml", "", true},
		{"not a message", ".eml", "", false},
		{`{"line":2,"email":"a@x.org"}`, ".json", "a@x.org", true},
		{`{"line":2}`, ".json", "", true},
		{`My own notes`, ".json", "", false},
	} {
		addr, known := recipientOf(strings.NewReader(c.in), c.ext)
		if addr != c.addr || known != c.known {
			t.Errorf("recipientOf(%q) = %q, %v; want %q, %v", c.in, addr, known, c.addr, c.known)
		}
	}
}
