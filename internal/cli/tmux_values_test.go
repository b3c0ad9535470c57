//go:build unix

package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewToneAsksTheNewTemplatesValues: changing the tone to a
// template of the user's that takes another optional value (the team)
// asks for that one only: the role is kept, and the company, skipped
// once, is not asked again.
func TestReviewToneAsksTheNewTemplatesValues(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "decline", "templates")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine, err := os.ReadFile(filepath.Join("..", "dialog", "testdata", "reference_team.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ref.yaml"), mine, 0o644); err != nil {
		t.Fatal(err)
	}
	p := startPane(t, 80, 24, []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config")},
		"draft", "-n", "Scott Lee", "-k", "reference", "--from", "Jordan Avery")
	p.waitFor("How do you know Scott?")
	p.keys("Enter") // stranger
	p.waitFor("Which role is it for?")
	p.keys("Data Analyst", "Enter")
	p.waitFor("Which company? (optional: Enter to skip)")
	p.keys("Enter")
	p.waitFor("Draft: reference/stranger/warm", "Change the tone (warm)")
	p.keys("Down", "Down", "Down", "Down", "Down", "Enter")
	p.waitFor("Which tone would you like?", "Formal")
	p.keys("Down", "Enter")
	p.waitFor("Which team would Scott join? (optional: Enter to skip)")
	p.keys("Platform", "Enter")
	p.waitFor("Draft: reference/stranger/formal", "no reference for Data Analyst in Platform.", "What would you like")
	text := p.print()
	if n := strings.Count(text, "Which company?"); n != 1 {
		t.Errorf("the company was asked %d times, want once (then skipped):\n%s", n, text)
	}
	if n := strings.Count(text, "Which role is it for?"); n != 1 {
		t.Errorf("the role was asked %d times, want once:\n%s", n, text)
	}
	if printed := text[strings.LastIndex(text, "Print it"):]; !strings.Contains(printed, "Dear Scott, no reference for Data Analyst in Platform.") {
		t.Errorf("the printed reply is not the formal one with the team:\n%s", printed)
	}
}
