package lint

import "testing"

func TestRepeatedSignoff(t *testing.T) {
	reply := func(paras ...string) []string {
		var lines []string
		for _, p := range paras {
			lines = append(lines, p, "")
		}
		return append(lines, "SIGNOFF,", "Jordan Avery")
	}
	tests := []struct {
		name    string
		lines   []string
		signoff string
		want    string
	}{
		{"whole phrase", reply("Hi Sam,", "Thanks. Wishing you all the best with it."), "All the best", "Wishing you all the best with it."},
		{"one word", reply("Hi Sam, thanks. Best of luck!"), "Best", "Best of luck!"},
		{"across a line break", []string{"Hi Sam,", "", "I wish you all the", "best.", "", "SIGNOFF,", "Jordan Avery"}, "All the best", "I wish you all the best."},
		{"part of a word", reply("Hi Sam, it was a bestseller."), "Best", ""},
		{"only some words", reply("Hi Sam,", "I wish you the best."), "All the best", ""},
		{"an earlier paragraph", reply("Hi Sam,", "All the best people agree.", "Good luck."), "All the best", ""},
		{"punctuation in the sign-off", reply("Hi Sam,", "Cheers! Talk soon."), "Cheers!", "Cheers!"},
		{"no sign-off", reply("Hi Sam,", "Best of luck."), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := repeatedSignoff(tt.lines, signoffPattern(tt.signoff)); got != tt.want {
				t.Errorf("repeatedSignoff(..., %q) = %q, want %q", tt.signoff, got, tt.want)
			}
		})
	}
}
