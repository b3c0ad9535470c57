// Package usertmpl writes and checks the user's own copies of templates:
// a new template copied from another, and a template opened in an
// editor, kept only when it still reads.
package usertmpl

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/safetext"
)

// Dir is the user's template directory, for templates of one language.
type Dir struct {
	Path    string
	Catalog *catalog.Catalog
	Lang    string
	// Log hears what was copied, and the problems of a file.
	Log io.Writer
	// Check is a sentence a copy's first line ends with, saying how to
	// check it.
	Check string
}

// InvalidIDError is a template id that cannot be one.
type InvalidIDError struct{ ID string }

func (e *InvalidIDError) Error() string {
	return fmt.Sprintf("invalid template id %s (use lowercase letters, digits, '-' and '/', like mine/thanks)", safetext.Quote(e.ID))
}

// UnknownError is a template id the catalog does not have.
type UnknownError struct{ ID string }

func (e *UnknownError) Error() string { return "unknown template " + safetext.Quote(e.ID) }

// ExistsError is a new template whose id or file the user has already:
// Line is set when it is the template, at File:Line.
type ExistsError struct {
	ID, File string
	Line     int
}

func (e *ExistsError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("template %s already exists at %s:%d", e.ID, safetext.Escape(e.File), e.Line)
	}
	return safetext.Escape(e.File) + " already exists"
}

// CopyError is a copy that would not load under its new id.
type CopyError struct{ From, ID, Msg string }

func (e *CopyError) Error() string {
	return fmt.Sprintf("cannot copy %s as %s: %s", e.From, e.ID, e.Msg)
}

// ProblemsError is a file of the user's that lint finds problems in.
type ProblemsError struct {
	// Rel is the file's path in the directory; ID the template's id.
	Rel, ID string
	N       int
}

func (e *ProblemsError) Error() string {
	return fmt.Sprintf("%s has %d %s; it is kept as it is", safetext.Escape(e.Rel), e.N, plural.Pick(e.N, "problem", "problems"))
}

// CheckID refuses an id that a template cannot have.
func CheckID(id string) error {
	if !catalog.ValidID(id) {
		return &InvalidIDError{ID: id}
	}
	return nil
}

// File is where a copy of the template id goes.
func (d *Dir) File(id string) string { return catalog.UserFile(d.Path, d.Lang, id) }

// New copies a template as id into its file: from, or when from is ""
// the template whose id is nearest (fallback: none is near, and it is
// a plain default).
func (d *Dir) New(id, from string) (file string, src *catalog.Template, fallback bool, err error) {
	file = d.File(id)
	if t, ok := d.Catalog.GetIn(d.Lang, id); ok && t.Source != catalog.DefaultSource {
		return "", nil, false, &ExistsError{ID: id, File: t.File, Line: t.Line}
	}
	if from != "" {
		t, ok := d.Catalog.GetIn(d.Lang, from)
		if !ok {
			return "", nil, false, &UnknownError{ID: from}
		}
		src = t
	} else if src, fallback = d.Catalog.Nearest(d.Lang, id); src == nil {
		return "", nil, false, fmt.Errorf("there is no template of language %s to copy", d.Lang)
	}
	return file, src, fallback, d.writeCopy(src, id, file)
}

// Edit opens the user's copy of the template id with edit, writing the
// copy first when the template is not theirs yet. An edit that leaves
// the file unreadable is undone (see restoreBroken).
func (d *Dir) Edit(id string, edit func(file string) error) (file string, err error) {
	file = d.File(id)
	t, found := d.Catalog.GetIn(d.Lang, id)
	switch _, statErr := os.Lstat(file); {
	case statErr == nil:
		// The user's copy, in the file 'templates new' and 'edit' write.
	case found && inDir(t.File, d.Path):
		file = t.File // the user's template, in a file of their own naming
	case found:
		if err := d.writeCopy(t, id, file); err != nil {
			return "", err
		}
	default:
		return "", &UnknownError{ID: id}
	}
	before, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	if err := edit(file); err != nil {
		return "", err
	}
	return file, restoreBroken(file, before)
}

// restoreBroken puts back what file held before an edit when the edit
// leaves it unreadable (a YAML mistake, a template calling printf): the
// template would stop working. The edit is kept beside it, in a dotfile
// that the catalog does not read, and the error says where.
func restoreBroken(file string, before []byte) error {
	r := lint.ReadPath(file, false)
	if len(r.Problems) == 0 {
		return nil
	}
	edited, err := os.ReadFile(file)
	if err != nil {
		return nil // nothing to keep; the lint says what is wrong
	}
	keep, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".edit-*")
	if err != nil {
		return nil
	}
	_, werr := keep.Write(edited)
	if cerr := keep.Close(); werr != nil || cerr != nil {
		os.Remove(keep.Name())
		return nil
	}
	if err := config.WriteFile(file, before); err != nil {
		return fmt.Errorf("%v; your edit is kept in %s", err, safetext.Escape(keep.Name()))
	}
	return fmt.Errorf("%s; the file is as it was before the edit, and your edit is kept in %s", safetext.Escape(r.Problems[0].Error()), safetext.Escape(keep.Name()))
}

// writeCopy writes src into file as a template of its own under id,
// never over a file that exists, nor a copy that would not load.
func (d *Dir) writeCopy(src *catalog.Template, id, file string) error {
	data, err := catalog.CopyAs(src, id, d.Check)
	if err != nil {
		return err
	}
	if err := d.Catalog.CheckCopy(data, file, src.Lang); err != nil {
		var e *catalog.Error
		if errors.As(err, &e) {
			return &CopyError{From: src.ID, ID: id, Msg: e.Msg}
		}
		return err
	}
	var exists *catalog.ExistsError
	if err := catalog.WriteNew(file, data); errors.As(err, &exists) {
		return &ExistsError{ID: id, File: file}
	} else if err != nil {
		return err
	}
	fmt.Fprintf(d.Log, "Copied %s to %s as %s.\n", src.ID, safetext.Escape(file), id)
	return nil
}

// Lint checks a file of the directory, the copy of the template id; on
// a problem it lists them on Log and returns a ProblemsError, leaving
// the file as it is.
func (d *Dir) Lint(file, id string) error {
	r := lint.Check(lint.ReadPath(file, false))
	if len(r.Problems) == 0 {
		return nil
	}
	for _, p := range r.Problems {
		fmt.Fprintln(d.Log, "decline: "+safetext.Escape(p.Error()))
	}
	rel, err := filepath.Rel(d.Path, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = file
	}
	return &ProblemsError{Rel: rel, ID: id, N: len(r.Problems)}
}

// inDir reports whether file is inside dir.
func inDir(file, dir string) bool {
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
