package deliver

import (
	"errors"

	"github.com/atotto/clipboard"
)

// ErrNoClipboard means no clipboard tool could take the text.
var ErrNoClipboard = errors.New("no clipboard tool worked (install xclip, xsel or wl-clipboard)")

// Copy puts text on the system clipboard with the first native tool that
// works, and says which way it used.
func Copy(text string) (string, error) {
	if clipboard.Unsupported {
		return "", ErrNoClipboard
	}
	if err := clipboard.WriteAll(text); err != nil {
		return "", ErrNoClipboard
	}
	return "system clipboard", nil
}
