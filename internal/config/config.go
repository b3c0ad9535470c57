// Package config reads decline's configuration file and knows where
// decline's files live (XDG base directories).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Config is the user's settings. Empty fields mean "not set".
type Config struct {
	Sender    string `yaml:"sender"`
	Signoff   string `yaml:"signoff"`
	Kind      string `yaml:"kind"`
	Tone      string `yaml:"tone"`
	Format    string `yaml:"format"`
	Clipboard string `yaml:"clipboard"`

	// Path is the file the settings came from, or "" when none was read.
	Path string `yaml:"-"`
}

// Env looks up an environment variable; tests pass their own.
type Env func(string) string

// Dir is decline's configuration directory:
// $XDG_CONFIG_HOME/decline, or ~/.config/decline.
func Dir(env Env) (string, error) {
	if x := env("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "decline"), nil
	}
	home := env("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("cannot find the configuration directory: set HOME or XDG_CONFIG_HOME")
		}
	}
	return filepath.Join(home, ".config", "decline"), nil
}

// TemplateDir is where the user's own templates live.
func TemplateDir(env Env) (string, error) {
	dir, err := Dir(env)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "templates"), nil
}

// Path resolves the configuration file: the --config flag, then
// DECLINE_CONFIG, then config.yaml in Dir. explicit is true when the user
// named the file, which must then exist.
func Path(flag string, env Env) (path string, explicit bool, err error) {
	if flag != "" {
		return flag, true, nil
	}
	if p := env("DECLINE_CONFIG"); p != "" {
		return p, true, nil
	}
	dir, err := Dir(env)
	if err != nil {
		return "", false, err
	}
	return filepath.Join(dir, "config.yaml"), false, nil
}

// MaxSize caps the configuration file.
const MaxSize = 64 << 10

// Load reads the configuration file at path. A missing file that the user
// did not name gives empty settings.
func Load(path string, explicit bool) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return &Config{}, nil
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read config file %s: %v", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read config file %s: %v", path, err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("config file %s is larger than %d bytes", path, MaxSize)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	c.Path = path
	return c, nil
}

// Parse decodes configuration strictly: unknown keys are errors.
func Parse(data []byte) (c *Config, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("cannot read this file as YAML (%v)", r)
		}
	}()
	c = &Config{}
	if len(bytes.TrimSpace(data)) == 0 {
		return c, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, errors.New(cleanYAMLError(err))
	}
	return c, nil
}

// cleanYAMLError rewrites the decoder's messages into decline's style.
func cleanYAMLError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	msg = strings.ReplaceAll(msg, "\n  ", "; ")
	msg = strings.ReplaceAll(msg, " in type config.Config", "")
	msg = strings.ReplaceAll(msg, "field ", "unknown setting ")
	msg = strings.ReplaceAll(msg, " not found", " (known: sender, signoff, kind, tone, format, clipboard)")
	return msg
}
