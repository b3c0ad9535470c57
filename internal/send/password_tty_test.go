//go:build unix

package send

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/testenv"
)

// A password command that asks for a passphrase on the terminal (bw,
// op, gpg's loopback pinentry) is answered there: it is not stopped for
// reading a terminal it does not own. The test binary runs Password
// again on a terminal of its own, as decline does.
func TestPasswordCommandAsksOnTheTerminal(t *testing.T) {
	if os.Getenv("DECLINE_PASSWORD_CHILD") == "1" {
		s := &config.Server{Username: "pat", PasswordCommand: `printf 'Passphrase: ' >/dev/tty; read -r p </dev/tty; echo "$p"`}
		pw, err := Password("smtp", s, func(string) string { return "" })
		fmt.Printf("pw=%q err=%v\n", pw, err)
		os.Exit(0)
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		testenv.Missing(t, fmt.Sprintf("no pseudo-terminal available: %v", err))
	}
	defer ptmx.Close()
	defer tty.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPasswordCommandAsksOnTheTerminal$")
	cmd.Env = append(os.Environ(), "DECLINE_PASSWORD_CHILD=1")
	var out bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, &out, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var seen bytes.Buffer
	buf := make([]byte, 256)
	for !strings.Contains(seen.String(), "Passphrase: ") {
		ptmx.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, err := ptmx.Read(buf)
		if err != nil {
			cmd.Process.Kill()
			t.Fatalf("no question on the terminal: %v (%q)", err, seen.String())
		}
		seen.Write(buf[:n])
	}
	ptmx.Write([]byte("sesame\n"))
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("the password command hung after it was answered")
	}
	if got := out.String(); !strings.Contains(got, `pw="sesame" err=<nil>`) {
		t.Errorf("child printed %q", got)
	}
}
