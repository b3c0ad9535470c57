package cli_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/decline-cli/decline/internal/cli"
	"github.com/decline-cli/decline/internal/iostreams"
)

// BenchmarkDraft is everything decline draft does after start-up: the
// command tree, flags, configuration, catalog and one rendered reply.
func BenchmarkDraft(b *testing.B) {
	home := b.TempDir()
	env := func(k string) string {
		switch k {
		case "HOME":
			return home
		case "XDG_CONFIG_HOME":
			return filepath.Join(home, ".config")
		}
		return ""
	}
	args := []string{"draft", "-n", "Scott Lee", "-r", "no-business"}
	for b.Loop() {
		ios, _, _, _ := iostreams.Test()
		if code := cli.Run(context.Background(), cli.NewFactory(ios, env), args); code != 0 {
			b.Fatal(code)
		}
	}
}
