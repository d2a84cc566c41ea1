// Package launch finds a Jupyter installation and starts it on the course
// with goconc's kernelspec installed in a project-local prefix.
package launch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// Find returns JupyterLab if it is installed, else the classic Notebook.
// It checks PATH first and then /usr/bin, where Debian installs Jupyter
// (another python3 first on PATH may lack it).
func Find() (Frontend, error) {
	var jupyters []string
	if p, err := exec.LookPath("jupyter"); err == nil {
		jupyters = append(jupyters, p)
	}
	if _, err := os.Stat("/usr/bin/jupyter"); err == nil {
		jupyters = append(jupyters, "/usr/bin/jupyter")
	}
	for _, sub := range []string{"lab", "notebook"} {
		for _, j := range jupyters {
			if has(filepath.Dir(j), "jupyter-"+sub) {
				return Frontend{Name: sub, Argv: []string{j, sub}}, nil
			}
		}
		if p, err := exec.LookPath("jupyter-" + sub); err == nil {
			return Frontend{Name: sub, Argv: []string{p}}, nil
		}
	}
	return Frontend{}, ErrNoJupyter
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
	return fmt.Sprintf("the classic Jupyter Notebook (%s)", strings.Join(f.Argv, " "))
}
