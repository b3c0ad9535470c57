package cmdutil

import (
	"errors"
	"fmt"
)

// UsageError is a mistake in how decline was called: exit 2. Err, when
// set, is the domain error it words, for callers that inspect it.
type UsageError struct {
	Msg string
	Err error
}

func (e *UsageError) Error() string { return e.Msg }

func (e *UsageError) Unwrap() error { return e.Err }

// UsageErrorf words a usage error; a %w in format keeps its cause.
func UsageErrorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &UsageError{Msg: err.Error(), Err: errors.Unwrap(err)}
}
