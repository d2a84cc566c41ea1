// Package launch finds a Jupyter installation and starts it on the course
// with goconc's kernelspec installed in a project-local prefix.
package launch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNoJupyter means neither JupyterLab nor the classic Notebook was found.
var ErrNoJupyter = errors.New(`no Jupyter found.
Install it, then run this command again:
  Debian/Ubuntu:  sudo apt-get install jupyter-notebook python3-jupyter-client
  with pip:       pip install jupyterlab
Without Jupyter, run the course headless:
  goconc run -o out notebooks/*.ipynb`)

// Frontend is a Jupyter front end that can be started.
type Frontend struct {
	Name string   // "lab" or "notebook"
	Argv []string // command to run, without the notebook directory
}

// Find returns JupyterLab if it is installed, else the Notebook (7, or the
// classic one). For each it looks, in order, for the jupyter command found
// on PATH (a virtual environment that is active, pip's bin directory),
// for a Python that imports it (python3 on PATH, as "python3 -m
// jupyterlab" runs a pip install --user whose scripts are not on PATH),
// and for Debian's /usr/bin/jupyter (another python3 first on PATH may
// lack Jupyter).
func Find() (Frontend, error) {
	var jupyters []string
	if p, err := exec.LookPath("jupyter"); err == nil {
		jupyters = append(jupyters, p)
	}
	var pythons []string
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(name); err == nil && !slices.Contains(pythons, p) {
			pythons = append(pythons, p)
		}
	}
	debian := "/usr/bin/jupyter"
	if _, err := os.Stat(debian); err != nil || slices.Contains(jupyters, debian) {
		debian = ""
	}
	for _, sub := range []struct{ name, module string }{{"lab", "jupyterlab"}, {"notebook", "notebook"}} {
		for _, j := range jupyters {
			if has(filepath.Dir(j), "jupyter-"+sub.name) {
				return Frontend{Name: sub.name, Argv: []string{j, sub.name}}, nil
			}
		}
		if p, err := exec.LookPath("jupyter-" + sub.name); err == nil {
			return Frontend{Name: sub.name, Argv: []string{p}}, nil
		}
		for _, py := range pythons {
			if imports(py, sub.module) {
				return Frontend{Name: sub.name, Argv: []string{py, "-m", sub.module}}, nil
			}
		}
		if debian != "" && has("/usr/bin", "jupyter-"+sub.name) {
			return Frontend{Name: sub.name, Argv: []string{debian, sub.name}}, nil
		}
	}
	return Frontend{}, ErrNoJupyter
}

// imports reports whether python can import module and run it as a
// program (python -m module).
func imports(python, module string) bool {
	script := "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(sys.argv[1] + '.__main__') else 1)"
	cmd := exec.Command(python, "-c", script, module)
	cmd.Env = append(os.Environ(), "PYTHONWARNINGS=ignore")
	return cmd.Run() == nil
}

func has(dir, name string) bool {
	st, err := os.Stat(filepath.Join(dir, name))
	return err == nil && !st.IsDir()
}

// Env returns the environment for Jupyter with dataDir (a prefix's
// share/jupyter) first on JUPYTER_PATH, so it finds the kernelspec there.
func Env(dataDir string) []string {
	env := os.Environ()
	path := dataDir
	if old := os.Getenv("JUPYTER_PATH"); old != "" {
		path += string(os.PathListSeparator) + old
	}
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, "JUPYTER_PATH=") {
			out = append(out, kv)
		}
	}
	// Debian's Python runs with frozen modules, and its debugger (in
	// ipykernel, loaded by the Notebook) warns about them at every start:
	// noise for a learner who does not debug Python.
	if os.Getenv("PYDEVD_DISABLE_FILE_VALIDATION") == "" {
		out = append(out, "PYDEVD_DISABLE_FILE_VALIDATION=1")
	}
	return append(out, "JUPYTER_PATH="+path)
}

// Command returns the command that starts f on dir with extra arguments.
func (f Frontend) Command(dir string, dataDir string, extra ...string) *exec.Cmd {
	argv := append(append([]string(nil), f.Argv...), extra...)
	cmd := exec.Command(argv[0], argv[1:]...)
	if f.Name == "lab" {
		cmd.Args = append(cmd.Args, "--ServerApp.root_dir="+dir)
	} else {
		cmd.Args = append(cmd.Args, "--notebook-dir="+dir)
	}
	cmd.Env = Env(dataDir)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	return cmd
}

// String describes the front end for messages.
func (f Frontend) String() string {
	if f.Name == "lab" {
		return "JupyterLab"
	}
	return fmt.Sprintf("Jupyter Notebook (%s)", strings.Join(f.Argv, " "))
}
