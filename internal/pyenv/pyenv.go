// Package pyenv finds the Python virtual environment that holds the pinned
// Jupyter front ends and test tools of .ci/requirements.txt (JupyterLab,
// Notebook 7, jupyter_kernel_test, nbclient, papermill): the one that
// GOCONC_VENV names (.ci/run sets it), else .venv in the repository, which
// scripts/jupyter-venv makes.
//
// Tests call Require: outside CI a missing environment skips the test
// with the command that makes it; with CI=true it fails the test.
package pyenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Env is a virtual environment.
type Env struct {
	Dir string // the environment's directory, with bin/python in it
}

// Bin returns the path of a program of the environment's bin directory.
func (e Env) Bin(name string) string { return filepath.Join(e.Dir, "bin", name) }

// Python returns the path of the environment's Python.
func (e Env) Python() string { return e.Bin("python") }

// RepoRoot returns the directory of go.mod, two levels above this
// package's source.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Find returns the environment GOCONC_VENV names, else the repository's
// .venv, if its Python runs.
func Find() (Env, error) {
	dir := os.Getenv("GOCONC_VENV")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), ".venv")
	}
	e := Env{Dir: dir}
	if err := exec.Command(e.Python(), "-c", "pass").Run(); err != nil {
		return Env{}, fmt.Errorf("no Python environment at %s (%v): make it with scripts/jupyter-venv", dir, err)
	}
	return e, nil
}

// Require returns the environment, checking that its Python can import
// modules. Without them it skips the test, or fails it under CI=true.
func Require(t testing.TB, modules ...string) Env {
	t.Helper()
	e, err := Find()
	if err == nil && len(modules) > 0 {
		out, ierr := exec.Command(e.Python(), "-c", "import "+strings.Join(modules, ", ")).CombinedOutput()
		if ierr != nil {
			err = fmt.Errorf("%s cannot import %s: %v: %s (re-run scripts/jupyter-venv)",
				e.Python(), strings.Join(modules, ", "), ierr, strings.TrimSpace(string(out)))
		}
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
	return e
}
