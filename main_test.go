package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goconc/goconc/internal/pyenv"
	"github.com/goconc/goconc/internal/syncbuf"
)

// TestLabServesTheKernel runs "goconc lab" as a user would, in a copy of
// the repository's layout, and asks the Jupyter server it starts for its
// kernelspecs.
func TestLabServesTheKernel(t *testing.T) {
	if _, err := os.Stat("/usr/bin/jupyter-notebook"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("jupyter-notebook is missing (apt-get install jupyter-notebook)")
		}
		t.Skip("jupyter-notebook is missing (apt-get install jupyter-notebook)")
	}
	testLab(t, os.Getenv("PATH"), "Jupyter Notebook", "--NotebookApp.token=", "--NotebookApp.password=")
}

// TestLabFindsPipJupyterLab runs "goconc lab" with a virtual
// environment's bin directory first on PATH, as after "pip install
// jupyterlab" in an active environment: it starts that JupyterLab.
func TestLabFindsPipJupyterLab(t *testing.T) {
	env := pyenv.Require(t, "jupyterlab")
	testLab(t, filepath.Dir(env.Python())+string(os.PathListSeparator)+os.Getenv("PATH"), "Starting JupyterLab on",
		"--IdentityProvider.token=")
}

// testLab runs goconc lab with PATH and Jupyter's args, checks that it
// says want and that the server lists the goconc kernelspec.
func testLab(t *testing.T, path, want string, args ...string) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "goconc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root := filepath.Join(dir, "course")
	if err := os.MkdirAll(filepath.Join(root, "notebooks"), 0o755); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	home := t.TempDir()
	cmd := exec.Command(bin, append([]string{"lab", "--no-browser", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", port)}, args...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "PATH="+path, "HOME="+home, "JUPYTER_CONFIG_DIR="+filepath.Join(home, "config"),
		"JUPYTER_DATA_DIR="+filepath.Join(home, "data"), "JUPYTER_RUNTIME_DIR="+filepath.Join(home, "runtime"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var log syncbuf.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	url := fmt.Sprintf("http://127.0.0.1:%d/api/kernelspecs", port)
	var specs struct {
		Kernelspecs map[string]struct {
			Spec struct {
				DisplayName string   `json:"display_name"`
				Argv        []string `json:"argv"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	for {
		resp, err := http.Get(url)
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&specs)
			resp.Body.Close()
			if err == nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the server never answered %s: %v\n%s", url, err, log.String())
		case <-time.After(200 * time.Millisecond):
		}
	}
	spec, ok := specs.Kernelspecs["goconc"]
	if !ok {
		t.Fatalf("kernelspecs %v lack goconc\n%s", specs.Kernelspecs, log.String())
	}
	if !strings.Contains(log.String(), want) || !strings.Contains(log.String(), "Ctrl-C") {
		t.Errorf("goconc lab did not say %q and how to stop it:\n%s", want, log.String())
	}
	wantBin := filepath.Join(root, ".jupyter-prefix", "bin", "goconc")
	if spec.Spec.DisplayName != "Go (goconc)" || len(spec.Spec.Argv) == 0 || spec.Spec.Argv[0] != wantBin {
		t.Errorf("spec %+v, want display name Go (goconc) and argv[0] %s", spec.Spec, wantBin)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestHelpIsNotAFailure: "goconc run -h" (and every subcommand's -h)
// prints the flags and exits 0, so that "go run . run -h" does not end
// with "exit status 2"; a wrong flag still exits 2.
func TestHelpIsNotAFailure(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "goconc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sub := range []string{"run", "install", "kernel"} {
		out, err := exec.Command(bin, sub, "-h").CombinedOutput()
		if err != nil {
			t.Errorf("goconc %s -h: %v\n%s", sub, err, out)
		}
		if !strings.Contains(string(out), "Usage of "+sub) {
			t.Errorf("goconc %s -h printed %q, want its usage", sub, out)
		}
		err = exec.Command(bin, sub, "--no-such-flag").Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Errorf("goconc %s --no-such-flag: %v, want exit status 2", sub, err)
		}
	}
}
