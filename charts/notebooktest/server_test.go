package notebooktest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goconc/goconc/charts/e2e"

	"github.com/goconc/goconc/internal/syncbuf"
)

// jupyterNotebook is Debian's classic Notebook: not whatever "jupyter" the
// first Python on PATH may bring.
const jupyterNotebook = "/usr/bin/jupyter-notebook"

// moduleRoot returns the directory of go.mod, two levels above this
// package.
func moduleRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("cannot find the module root: %v", err)
	}
	return filepath.Clean(root)
}

// goconcBinary builds goconc into dir, or returns the binary that
// GOCONC_E2E_BIN names (as the kernel's end-to-end tests do).
func goconcBinary(t testing.TB, root, dir string) string {
	t.Helper()
	if bin := os.Getenv("GOCONC_E2E_BIN"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			t.Fatalf("GOCONC_E2E_BIN: %v", err)
		}
		return abs
	}
	bin := filepath.Join(dir, "goconc")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building goconc: %v\n%s", err, out)
	}
	return bin
}

// runGoconc runs the goconc binary and returns its output, failing the
// test if it fails.
func runGoconc(t testing.TB, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("goconc %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// syncBuffer collects output written while the test reads it.
type syncBuffer = syncbuf.Buffer

// server is a running classic Notebook server.
type server struct {
	URL   string // http://127.0.0.1:PORT, without a slash
	Token string
	cmd   *exec.Cmd
	log   *syncBuffer
	done  chan struct{} // closed when the process has exited
}

// Log returns what the server printed so far.
func (s *server) Log() string { return s.log.String() }

// startNotebook starts jupyter-notebook on a free port of 127.0.0.1,
// serving nbDir, with the kernelspecs of jupyterPath and its own
// configuration, data, runtime and home directories below tmp. It waits
// until /api answers. The server and its kernels are stopped when the test
// ends.
func startNotebook(t testing.TB, jupyterPath, nbDir, tmp string) *server {
	t.Helper()
	return startServer(t, classicNotebook, jupyterPath, nbDir, tmp)
}

// frontEnd is a Jupyter server command to test.
type frontEnd struct {
	name string
	exe  string
	// args returns the command's arguments for a server on 127.0.0.1:port
	// with token, serving nbDir.
	args func(port int, token, nbDir string) []string
	// env holds extra variables (NAME=value) for the server.
	env []string
}

// classicNotebook is Debian's Notebook 6.4.
var classicNotebook = frontEnd{
	name: "jupyter-notebook",
	exe:  jupyterNotebook,
	args: func(port int, token, nbDir string) []string {
		return []string{
			"--no-browser",
			"--allow-root", // containers often run as root; harmless otherwise
			"--ip=127.0.0.1",
			"--port=" + strconv.Itoa(port),
			"--NotebookApp.port_retries=0",
			"--NotebookApp.token=" + token,
			"--NotebookApp.password=",
			"--notebook-dir=" + nbDir,
		}
	},
}

// startServer starts a front end's server; see startNotebook.
func startServer(t testing.TB, fe frontEnd, jupyterPath, nbDir, tmp string) *server {
	t.Helper()
	var errs []error
	// A port free when chosen may be taken before the server binds it:
	// the server then exits (port_retries=0) and another port is tried.
	for attempt := 1; attempt <= 3; attempt++ {
		s, err := tryStartNotebook(t, fe, jupyterPath, nbDir, tmp, attempt)
		if err == nil {
			return s
		}
		errs = append(errs, fmt.Errorf("attempt %d: %w", attempt, err))
	}
	t.Fatalf("starting %s: %v", fe.exe, errors.Join(errs...))
	return nil
}

func tryStartNotebook(t testing.TB, fe frontEnd, jupyterPath, nbDir, tmp string, attempt int) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	var tok [16]byte
	if _, err := rand.Read(tok[:]); err != nil {
		return nil, err
	}
	s := &server{
		URL:   "http://127.0.0.1:" + strconv.Itoa(port),
		Token: hex.EncodeToString(tok[:]),
		log:   &syncBuffer{},
		done:  make(chan struct{}),
	}
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JUPYTER") && !strings.HasPrefix(kv, "HOME=") &&
			!strings.HasPrefix(kv, "PYTHON") && !strings.HasPrefix(kv, "BROWSER=") {
			env = append(env, kv)
		}
	}
	dirs := map[string]string{}
	for _, d := range []string{"config", "data", "runtime", "home"} {
		dirs[d] = filepath.Join(tmp, fmt.Sprintf("jupyter-%d", attempt), d)
		if err := os.MkdirAll(dirs[d], 0o700); err != nil {
			return nil, err
		}
	}
	env = append(env,
		"JUPYTER_PATH="+jupyterPath,
		"JUPYTER_CONFIG_DIR="+dirs["config"],
		"JUPYTER_DATA_DIR="+dirs["data"],
		"JUPYTER_RUNTIME_DIR="+dirs["runtime"],
		"HOME="+dirs["home"],
		"PYTHONNOUSERSITE=1",
	)
	env = append(env, fe.env...)
	s.cmd = exec.Command(fe.exe, fe.args(port, s.Token, nbDir)...)
	s.cmd.Dir = nbDir
	s.cmd.Env = env
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	// Its own process group, to stop it and anything it runs in it; and
	// SIGTERM (it then stops its kernels) if the test process dies first.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		_ = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() { s.stop(t) })

	// JupyterLab starts in seconds on an idle machine; a loaded 2-core
	// one running other tests can take much longer.
	deadline := time.Now().Add(90 * time.Second)
	for {
		if v, err := s.get("/api"); err == nil {
			var info struct{ Version string }
			if json.Unmarshal(v, &info) == nil && info.Version != "" {
				t.Logf("%s (server %s) at %s (pid %d)", fe.name, info.Version, s.URL, s.cmd.Process.Pid)
				return s, nil
			}
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("%s exited: %v\n%s", fe.name, s.cmd.ProcessState, tail(s.Log(), 3000))
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("/api did not answer in 90s\n%s", tail(s.Log(), 3000))
		}
	}
}

// get fetches a path of the server's API with the token.
func (s *server) get(path string) ([]byte, error) {
	req, err := http.NewRequest("GET", s.URL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "token "+s.Token)
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return body, err
}

// stop stops the server and its kernels. jupyter_client starts each
// kernel in a session of its own, out of the server's process group, so
// they are noted first: SIGTERM makes the server shut them down, and
// whatever is left is killed.
func (s *server) stop(t testing.TB) {
	pid := s.cmd.Process.Pid
	kids := descendants(pid)
	select {
	case <-s.done:
	default:
		_ = syscall.Kill(-pid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			t.Logf("jupyter-notebook (pid %d) did not stop in 10s: killing it", pid)
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			<-s.done
		}
	}
	for _, k := range kids {
		if !alive(k) {
			continue
		}
		// Give a kernel that is shutting down a moment, then kill it and
		// its process group if it leads one.
		for i := 0; i < 20 && alive(k); i++ {
			time.Sleep(100 * time.Millisecond)
		}
		if alive(k) {
			t.Logf("killing process %d left by jupyter-notebook", k)
			if pgid, err := syscall.Getpgid(k); err == nil && pgid == k {
				_ = syscall.Kill(-k, syscall.SIGKILL)
			} else {
				_ = syscall.Kill(k, syscall.SIGKILL)
			}
		}
	}
	if t.Failed() {
		t.Logf("jupyter-notebook log:\n%s", tail(s.Log(), 6000))
	}
}

// descendants returns the processes below pid, read from /proc.
func descendants(pid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]int{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if pp, ok := parentOf(p); ok {
			children[pp] = append(children[pp], p)
		}
	}
	var out []int
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out
}

// parentOf returns the parent of process p, from /proc/p/stat.
func parentOf(p int) (int, bool) {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p), "stat"))
	if err != nil {
		return 0, false
	}
	// pid (comm) state ppid ...; comm may hold spaces and parentheses.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 2 {
		return 0, false
	}
	pp, err := strconv.Atoi(f[1])
	return pp, err == nil
}

// alive reports whether process p exists and is not a zombie.
func alive(p int) bool {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p), "stat"))
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(data, ')')
	return i >= 0 && !bytes.HasPrefix(bytes.TrimSpace(data[i+1:]), []byte("Z"))
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// requireTools skips the test (fails it under CI) when jupyter-notebook,
// node or Chromium is missing, and returns the browser runner.
func requireTools(t *testing.T) *e2e.Runner {
	t.Helper()
	if _, err := os.Stat(jupyterNotebook); err != nil {
		e2e.Unavailable(t, "no %s (apt-get install jupyter-notebook)", jupyterNotebook)
	}
	return e2e.New(t)
}
