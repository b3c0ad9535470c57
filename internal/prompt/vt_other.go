//go:build !windows

package prompt

import "os"

// enableVT does nothing: terminals elsewhere read escape sequences.
func enableVT(*os.File) {}
