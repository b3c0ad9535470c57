package templates

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/oserr"
)

// ExistsError is CopyTo refusing to overwrite: Dir already has the
// default files named in Names, and nothing was copied.
type ExistsError struct {
	Dir   string
	Names []string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("not copying the default templates: %s already has %s", e.Dir, strings.Join(e.Names, ", "))
}

// Copied says what CopyTo did: how many files it wrote and how many of
// them replaced a file already there.
type Copied struct {
	Files, Replaced int
}

// CopyTo copies the default English template files into dir, a user's
// template directory, to edit. They go to the top of the directory,
// where files read as English; the locale does not, as a copy would only
// repeat the defaults. A file already there is an *ExistsError unless
// overwrite is set. Each file is written whole or not at all.
func CopyTo(dir string, overwrite bool) (Copied, error) {
	paths, err := fs.Glob(FS, catalog.DefaultLang+"/*.yaml")
	if err != nil {
		return Copied{}, err
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
			return Copied{}, fmt.Errorf("cannot check %s: %v", filepath.Join(dir, name), oserr.Cause(err))
		}
	}
	if len(existing) > 0 && !overwrite {
		return Copied{}, &ExistsError{Dir: dir, Names: existing}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Copied{}, fmt.Errorf("cannot create %s: %v", dir, oserr.Cause(err))
	}
	// Every file is written under a temporary name first, and renamed
	// into place only when all of them are written: a full disk leaves
	// none of them rather than some.
	temps := make([]string, 0, len(names))
	removeTemps := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, name := range names {
		data, err := fs.ReadFile(FS, catalog.DefaultLang+"/"+name)
		if err != nil {
			removeTemps()
			return Copied{}, err
		}
		tmp, err := writeTemp(filepath.Join(dir, name), data)
		if err != nil {
			removeTemps()
			return Copied{}, err
		}
		temps = append(temps, tmp)
	}
	for i, name := range names {
		if err := os.Rename(temps[i], filepath.Join(dir, name)); err != nil {
			removeTemps()
			return Copied{}, fmt.Errorf("cannot write %s: %v", filepath.Join(dir, name), oserr.Cause(err))
		}
	}
	return Copied{Files: len(names), Replaced: len(existing)}, nil
}

// writeTemp writes data to a temporary file beside path, readable as a
// template file is, and returns its name; nothing is left on failure.
func writeTemp(path string, data []byte) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return "", fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
	}
	return tmp.Name(), nil
}
