// Package install writes goconc's Jupyter kernelspec: kernel.json, the
// logos, and the files charts need in the browser, which Jupyter servers
// serve from the kernelspec directory.
package install

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goconc/goconc/internal/atomicfile"
)

// Spec says what to install and where.
type Spec struct {
	Name        string // kernelspec name, e.g. "goconc"
	DisplayName string // shown in Jupyter's launcher, e.g. "Go (goconc)"
	Binary      string // absolute path of the goconc binary
	Prefix      string // install under Prefix/share/jupyter/kernels/Name
	// Files are extra files to put beside kernel.json (name → content),
	// such as the charts' JavaScript.
	Files map[string][]byte
	// Env is set in the kernel's environment by Jupyter.
	Env map[string]string
}

type kernelJSON struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// Dir returns the directory the kernelspec of s goes to.
func (s Spec) Dir() string {
	return filepath.Join(s.Prefix, "share", "jupyter", "kernels", s.Name)
}

// Write installs the kernelspec and returns its directory. Files are
// written to temporary names and renamed, so a reader never sees half a
// kernel.json.
func Write(s Spec) (string, error) {
	if s.Name == "" || s.Binary == "" || s.Prefix == "" {
		return "", fmt.Errorf("install: name, binary and prefix are required")
	}
	if !filepath.IsAbs(s.Binary) {
		return "", fmt.Errorf("install: binary path %q is not absolute", s.Binary)
	}
	dir := s.Dir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("install: %w", err)
	}
	kj, err := json.MarshalIndent(kernelJSON{
		Argv:          []string{s.Binary, "kernel", "-f", "{connection_file}"},
		DisplayName:   s.DisplayName,
		Language:      "go",
		InterruptMode: "message",
		Env:           s.Env,
		Metadata:      map[string]any{"debugger": false},
	}, "", "  ")
	if err != nil {
		return "", fmt.Errorf("install: %w", err)
	}
	files := map[string][]byte{
		"kernel.json":    append(kj, '\n'),
		"logo-32x32.png": Logo(32),
		"logo-64x64.png": Logo(64),
	}
	for name, data := range s.Files {
		files[name] = data
	}
	for name, data := range files {
		if err := atomicfile.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", fmt.Errorf("install: %w", err)
		}
	}
	return dir, nil
}

// CopyFile copies src to dst (creating dst's directory) atomically, with
// the given permissions.
func CopyFile(src, dst string, perm os.FileMode) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(dst, data, perm)
}

// UserPrefix is where `jupyter kernelspec install --user` puts kernels on
// Linux: ~/.local (kernels go to ~/.local/share/jupyter/kernels).
func UserPrefix() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("install: %w", err)
	}
	return filepath.Join(home, ".local"), nil
}
