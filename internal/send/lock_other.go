//go:build !unix

package send

import "os"

// lockFile takes no lock where flock is missing (Windows, Plan 9): two
// sending runs at once are not refused there, which the README says.
func lockFile(f *os.File) error { return nil }
