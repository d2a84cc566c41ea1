package launch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// script writes an executable shell script into dir.
func script(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFindPrefersPipJupyterLab: JupyterLab from PATH (an active virtual
// environment) wins; without a jupyter command, a python3 on PATH that
// can run "python3 -m jupyterlab" (pip install --user) does.
func TestFindPrefersPipJupyterLab(t *testing.T) {
	venv := t.TempDir()
	jupyter := script(t, venv, "jupyter", "exit 0")
	script(t, venv, "jupyter-lab", "exit 0")
	t.Setenv("PATH", venv)
	f, err := Find()
	if err != nil || f.Name != "lab" || !slices.Equal(f.Argv, []string{jupyter, "lab"}) {
		t.Errorf("with jupyter and jupyter-lab on PATH: %+v, %v; want %s lab", f, err, jupyter)
	}

	user := t.TempDir()
	// A python3 that has jupyterlab (and nothing else it is asked about).
	py := script(t, user, "python3", `case "$*" in *jupyterlab*) exit 0;; *) exit 1;; esac`)
	t.Setenv("PATH", user)
	f, err = Find()
	if err != nil || f.Name != "lab" || !slices.Equal(f.Argv, []string{py, "-m", "jupyterlab"}) {
		t.Errorf("with a python3 that imports jupyterlab: %+v, %v; want %s -m jupyterlab", f, err, py)
	}
	if f.String() != "JupyterLab" {
		t.Errorf("String() = %q", f.String())
	}
}

// TestEnv: the kernelspec's prefix comes first on JUPYTER_PATH, and the
// debugger's frozen-modules warning is silenced.
func TestEnv(t *testing.T) {
	t.Setenv("JUPYTER_PATH", "/old")
	t.Setenv("PYDEVD_DISABLE_FILE_VALIDATION", "")
	env := Env("/prefix/share/jupyter")
	if !slices.Contains(env, "JUPYTER_PATH=/prefix/share/jupyter:/old") {
		t.Errorf("JUPYTER_PATH not set first: %v", filter(env, "JUPYTER_PATH"))
	}
	if !slices.Contains(env, "PYDEVD_DISABLE_FILE_VALIDATION=1") {
		t.Errorf("debugger warning not silenced: %v", filter(env, "PYDEVD"))
	}
}

func filter(env []string, prefix string) []string {
	var out []string
	for _, kv := range env {
		if strings.HasPrefix(kv, prefix) {
			out = append(out, kv)
		}
	}
	return out
}
