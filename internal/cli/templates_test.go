package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/iostreams"
)

// tempHomeEnv is an environment with an empty home of its own, so that
// no developer's templates or settings leak into a test.
func tempHomeEnv(t testing.TB) (env func(string) string, home string) {
	home = t.TempDir()
	return func(k string) string {
		switch k {
		case "HOME":
			return home
		case "XDG_CONFIG_HOME":
			return filepath.Join(home, ".config")
		}
		return ""
	}, home
}

// TestTablesOnATerminal checks the form 'templates list' and 'templates
// path' take on a terminal: an aligned table under a header. In a pipe
// they are tab-separated (the scripts in testdata/script check that).
func TestTablesOnATerminal(t *testing.T) {
	env, home := tempHomeEnv(t)
	user := filepath.Join(home, ".config", "decline", "templates")
	// The directory column is as wide as its longest cell, plus two.
	pad := func(s, longest string) string { return s + strings.Repeat(" ", len(longest)+2-len(s)) }
	tests := []struct {
		name string
		run  func(f *Factory) error
		want []string // the first lines of standard output
	}{
		{
			"list",
			func(f *Factory) error {
				// English alone: the first row does not depend on which
				// other languages are built in.
				return runTemplatesList(f, &templatesListOptions{globalOptions: &globalOptions{}, filter: catalog.Filter{Lang: "en"}})
			},
			[]string{
				"ID                                    LANG  KIND            RELATIONSHIP    TONE    VARIANTS  SOURCE",
				"endorsement/cannot-vouch/brief        en    endorsement     cannot-vouch    brief   2         default",
			},
		},
		{
			"path",
			func(f *Factory) error {
				return runTemplatesPath(f, &templatesPathOptions{globalOptions: &globalOptions{templateDirs: []string{"team"}}})
			},
			[]string{
				"SOURCE       " + pad("DIRECTORY", user) + "STATE",
				"default      " + pad("(built into decline)", user) + "exists",
				"user         " + pad(user, user) + "missing",
				"--templates  " + pad("team", user) + "missing",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := iostreams.Test()
			ios.SetTTY(true, true, true)
			if err := tt.run(NewFactory(ios, env)); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(out.String(), "\n")
			for i, want := range tt.want {
				if i >= len(lines) || lines[i] != want {
					t.Errorf("line %d:\ngot  %q\nwant %q", i+1, lines[min(i, len(lines)-1)], want)
				}
			}
			if errOut.Len() > 0 {
				t.Errorf("stderr: %q", errOut)
			}
		})
	}
}
