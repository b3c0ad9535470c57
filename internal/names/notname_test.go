package names

import "testing"

func TestNotName(t *testing.T) {
	for _, s := range []string{"Scott.Lee@example.Com", "https://linkedin.com/in/x", "www.example.com", "#N/A", "N/A", "null", "NULL",
		"undefined", `=HYPERLINK("x","y")`, "+cmd|' /C calc'!A0", "-2+3", "#OpenToWork Scott Lee", "#REF!", "#VALUE!", "#NAME?", "@scottlee"} {
		if NotName(s) == "" {
			t.Errorf("NotName(%q) is empty: greeted as a name", s)
		}
	}
	for _, s := range []string{"Scott Lee", "Dr. Jane Smith", "Na Yeon", "Nan Goldin", "Nil Moreno", "Anne-Marie O'Neil", "王芳", "Lee, Scott", ""} {
		if why := NotName(s); why != "" {
			t.Errorf("NotName(%q) = %q, a name refused", s, why)
		}
	}
}
