//go:build windows

package prompt

import (
	"os"

	"golang.org/x/sys/windows"
)

// enableVT has the console read the escape sequences the line input
// draws with (Windows 10 and later do, when asked); survey turns its own
// into console calls.
func enableVT(f *os.File) {
	h := windows.Handle(f.Fd())
	var mode uint32
	if windows.GetConsoleMode(h, &mode) == nil {
		_ = windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING)
	}
}
