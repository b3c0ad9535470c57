package deliver

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeEditor writes a shell script that acts as the user's editor and
// returns the command line that runs it.
func fakeEditor(t *testing.T, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "editor")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEditorCommand(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"VISUAL": "code --wait", "EDITOR": "nano"}, "code --wait"},
		{map[string]string{"VISUAL": "  ", "EDITOR": "nano"}, "nano"},
		{map[string]string{"EDITOR": "nano"}, "nano"},
		{map[string]string{}, "vi"},
	}
	for _, tt := range tests {
		if got := EditorCommand(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("EditorCommand(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestEdit(t *testing.T) {
	seen := filepath.Join(t.TempDir(), "seen")
	tests := []struct {
		name, script, want string
		wantErr            error
		wantErrText        string
	}{
		{name: "saved text is the reply",
			script: "cp \"$1\" '" + seen + "'\nprintf 'Hi Scott,\\r\\n\\r\\nNew words.\\r\\n' > \"$1\"\n",
			want:   "Hi Scott,\n\nNew words.\n"},
		{name: "blank lines around are trimmed, indentation kept",
			script: "printf '\\n  \\n  Indented first line\\nsecond\\n\\n\\n  \\n' > \"$1\"\n",
			want:   "  Indented first line\nsecond\n"},
		{name: "saved unchanged",
			script: "exit 0\n",
			want:   "Hi Scott,\n\nThe draft.\n"},
		{name: "empty file cancels",
			script: ": > \"$1\"\n", wantErr: ErrEmptyEdit},
		{name: "white space only cancels",
			script: "printf ' \\n\\t\\n' > \"$1\"\n", wantErr: ErrEmptyEdit},
		{name: "failing editor",
			script:      "printf 'half done' > \"$1\"\nexit 3\n",
			wantErrText: "exited with status 3; the draft was not used"},
		{name: "interrupted editor, status 130",
			script: "exit 130\n", wantErr: ErrEditInterrupted},
		{name: "editor killed by Ctrl-C",
			script: "kill -INT $$\nsleep 5\n", wantErr: ErrEditInterrupted},
		{name: "editor killed otherwise",
			script:      "kill -TERM $$\nsleep 5\n",
			wantErrText: "; the draft was not used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Editor{Command: fakeEditor(t, tt.script)}
			got, err := e.Edit("Hi Scott,\n\nThe draft.\n")
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v, want %v", err, tt.wantErr)
				}
			case tt.wantErrText != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErrText) {
					t.Errorf("error %v, want one saying %q", err, tt.wantErrText)
				}
			case err != nil:
				t.Errorf("error %v", err)
			case got != tt.want:
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if err != nil && got != "" {
				t.Errorf("text %q returned with an error", got)
			}
		})
	}
	if data, err := os.ReadFile(seen); err != nil || string(data) != "Hi Scott,\n\nThe draft.\n" {
		t.Errorf("the editor saw %q (%v), not the draft", data, err)
	}
}

// TestEditFile: the file is private, named on the command line after the
// editor's own arguments (even in a directory with spaces), and removed
// afterwards.
func TestEditFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a dir with spaces")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	record := filepath.Join(t.TempDir(), "record")
	script := "printf '%s\\n' \"$@\" > '" + record + "'\nstat -c %a \"$2\" >> '" + record + "'\n"
	e := &Editor{Command: fakeEditor(t, script) + " --wait", Dir: dir}
	if _, err := e.Edit("x\n"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 3 || lines[0] != "--wait" || filepath.Dir(lines[1]) != dir || lines[2] != "600" {
		t.Errorf("editor got %q; want --wait, then a file in %q, with mode 600", lines, dir)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestEditNotUTF8KeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	e := &Editor{Command: fakeEditor(t, "printf 'caf\\351\\n' > \"$1\"\n"), Dir: dir}
	_, err := e.Edit("x\n")
	if err == nil || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Fatalf("error %v", err)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || !strings.Contains(err.Error(), left[0].Name()) {
		t.Errorf("the file was not kept and named: %v, %v", left, err)
	}
}

func TestEditorNotFound(t *testing.T) {
	e := &Editor{Command: "no-such-editor-anywhere"}
	_, err := e.Edit("x\n")
	if err == nil || !strings.Contains(err.Error(), `cannot run editor "no-such-editor-anywhere"`) || !strings.Contains(err.Error(), "set VISUAL or EDITOR") {
		t.Errorf("error %v", err)
	}
}
