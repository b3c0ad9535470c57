package deliver

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
)

// Open runs the editor on a file in place, such as a copy of a
// configuration or template file, which the caller checks once the
// editor is closed. An editor that fails or is interrupted is an error.
func (e *Editor) Open(name string) error {
	cmd := exec.Command("/bin/sh", "-c", e.Command+` "$@"`, e.Command, name)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.Stdin, e.Stdout, e.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() != 126 && exit.ExitCode() != 127:
		return fmt.Errorf("editor %s stopped with %v", strconv.QuoteToGraphic(e.Command), exit.ProcessState)
	}
	return e.runError(err)
}
