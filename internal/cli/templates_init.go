package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/templates"
)

type templatesInitOptions struct {
	force bool
}

func newTemplatesInitCmd(f *Factory) *cobra.Command {
	o := &templatesInitOptions{}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Copy the default catalog into your template directory, to edit",
		Long: `Copy the default template files into your template directory,
$XDG_CONFIG_HOME/decline/templates (~/.config/decline/templates), so that
you can edit them. A template there replaces the default with the same id.

A file that already exists is never overwritten without --force.`,
		Example: `  decline templates init
  decline templates init --force`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesInit(f, o)
		},
	}
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite template files that already exist")
	return cmd
}

func runTemplatesInit(f *Factory, o *templatesInitOptions) error {
	dir, err := config.TemplateDir(f.Env)
	if err != nil {
		return err
	}
	// The English template files are copied to the top of the
	// directory, where files read as English. The locale is not: a copy
	// would only repeat the defaults.
	paths, err := fs.Glob(templates.FS, "en/*.yaml")
	if err != nil {
		return err
	}
	var names []string
	for _, p := range paths {
		if name := path.Base(p); name != catalog.LocaleFile {
			names = append(names, name)
		}
	}
	var existing []string
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			existing = append(existing, name)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot check %s: %v", filepath.Join(dir, name), oserr.Cause(err))
		}
	}
	if len(existing) > 0 && !o.force {
		return fmt.Errorf("not copying the default templates: %s already has %s (use --force to overwrite them)", dir, strings.Join(existing, ", "))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %v", dir, oserr.Cause(err))
	}
	for _, name := range names {
		data, err := fs.ReadFile(templates.FS, "en/"+name)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	msg := fmt.Sprintf("Copied %d template files to %s", len(names), dir)
	if len(existing) > 0 {
		msg += fmt.Sprintf(" (replacing %d)", len(existing))
	}
	fmt.Fprintf(f.IO.ErrOut, "%s.\nEdit them there; a template with a default's id replaces it. Check your changes with 'decline templates lint'.\n", msg)
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that an interrupted write never leaves half a file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
	}
	return nil
}
