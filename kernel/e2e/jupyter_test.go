package e2e_test

// Tests with the real Jupyter clients of Debian (packages
// python3-jupyter-client python3-nbclient python3-nbformat
// jupyter-nbconvert jupyter-notebook jupyter-console jupyter-client).
// They always run /usr/bin/python3 and /usr/bin/jupyter, never the python3
// first on PATH, which may lack Jupyter. Without them the tests are
// skipped, except under CI=true, where they fail.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	systemPython  = "/usr/bin/python3"
	systemJupyter = "/usr/bin/jupyter"
	// toolTimeout bounds one run of a Jupyter command.
	toolTimeout = 3 * time.Minute
	// consoleTimeout bounds a jupyter console session of a few cells,
	// which hangs rather than fails when the kernel misbehaves.
	consoleTimeout = time.Minute
)

// missing skips the test for want of a tool, or fails it under CI.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...) +
		"\n(install with: apt-get install python3-jupyter-client python3-nbclient python3-nbformat jupyter-nbconvert jupyter-notebook jupyter-console jupyter-client)"
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and %s", msg)
	}
	t.Skipf("skipping: %s", msg)
}

var (
	pyModulesOnce sync.Once
	pyModulesErr  map[string]error
)

// requireTools checks for /usr/bin/python3 with the given modules and for
// the given executables (absolute paths).
func requireTools(t testing.TB, modules []string, executables ...string) {
	t.Helper()
	for _, exe := range append([]string{systemPython}, executables...) {
		if st, err := os.Stat(exe); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			missing(t, "%s is not installed", exe)
		}
	}
	pyModulesOnce.Do(func() {
		pyModulesErr = map[string]error{}
		for _, m := range []string{"jupyter_client", "nbclient", "nbformat", "nbconvert", "jupyter_console"} {
			out, err := exec.Command(systemPython, "-c", "import "+m).CombinedOutput()
			if err != nil {
				pyModulesErr[m] = fmt.Errorf("%v: %s", err, bytes.TrimSpace(out))
			}
		}
	})
	for _, m := range modules {
		if err, ok := pyModulesErr[m]; ok && err != nil {
			missing(t, "%s cannot import %s: %v", systemPython, m, err)
		}
	}
}

// jupyterEnv is a private Jupyter setup: the goconc kernelspec installed
// into a temporary prefix, and HOME, data, runtime and config directories
// of its own, so tests touch nothing of the user's.
type jupyterEnv struct {
	dir     string
	prefix  string // the --prefix given to goconc install
	runtime string // JUPYTER_RUNTIME_DIR: connection files are made here
	env     []string
}

func newJupyterEnv(t testing.TB) *jupyterEnv {
	t.Helper()
	dir := t.TempDir()
	j := &jupyterEnv{dir: dir, prefix: filepath.Join(dir, "prefix"), runtime: filepath.Join(dir, "runtime")}
	for _, d := range []string{"home", "data", "runtime", "config", "ipython", "work"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(goconcBin, "install", "--prefix", j.prefix).CombinedOutput()
	if err != nil {
		t.Fatalf("goconc install --prefix: %v\n%s", err, out)
	}
	kernelJSON := filepath.Join(j.prefix, "share", "jupyter", "kernels", "goconc", "kernel.json")
	if _, err := os.Stat(kernelJSON); err != nil {
		t.Fatalf("goconc install printed %q but wrote no kernel.json: %v", out, err)
	}
	set := map[string]string{
		"HOME":                           filepath.Join(dir, "home"),
		"JUPYTER_PATH":                   filepath.Join(j.prefix, "share", "jupyter"),
		"JUPYTER_DATA_DIR":               filepath.Join(dir, "data"),
		"JUPYTER_RUNTIME_DIR":            j.runtime,
		"JUPYTER_CONFIG_DIR":             filepath.Join(dir, "config"),
		"IPYTHONDIR":                     filepath.Join(dir, "ipython"),
		"PYDEVD_DISABLE_FILE_VALIDATION": "1",
		"PYTHONNOUSERSITE":               "1",
		"PYTHONDONTWRITEBYTECODE":        "1",
		"PATH":                           "/usr/bin:/bin:" + os.Getenv("PATH"),
		"TERM":                           "xterm",
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if _, ok := set[name]; ok || strings.HasPrefix(name, "JUPYTER_") || strings.HasPrefix(name, "PYTHON") ||
			name == "VIRTUAL_ENV" || name == "CONDA_PREFIX" {
			continue
		}
		j.env = append(j.env, kv)
	}
	for name, v := range set {
		j.env = append(j.env, name+"="+v)
	}
	// Whatever happens to the clients, no kernel of this test survives it.
	t.Cleanup(func() {
		for _, pid := range j.kernelProcesses() {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	return j
}

// command prepares argv in the environment, in its own process group so
// that a timeout also ends the kernels it started.
func (j *jupyterEnv) command(ctx context.Context, argv ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = j.env
	cmd.Dir = filepath.Join(j.dir, "work")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// run runs argv with stdin and returns its stdout and stderr.
func (j *jupyterEnv) run(t testing.TB, stdin string, argv ...string) (stdout, stderr string, err error) {
	t.Helper()
	return j.runFor(t, toolTimeout, stdin, argv...)
}

// runFor is run with a time limit.
func (j *jupyterEnv) runFor(t testing.TB, limit time.Duration, stdin string, argv ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := j.command(ctx, argv...)
	var o, e bytes.Buffer
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s timed out after %v: %w", argv[0], limit, err)
	}
	return o.String(), e.String(), err
}

// python runs a script of testdata with /usr/bin/python3.
func (j *jupyterEnv) python(t testing.TB, script string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("testdata", script))
	if err != nil {
		t.Fatal(err)
	}
	return j.run(t, "", append([]string{systemPython, "-X", "frozen_modules=off", abs}, args...)...)
}

// checkNoKernelsLeft checks that no kernel process started in this
// environment (its connection file is in the runtime directory) outlives
// the client that started it.
func (j *jupyterEnv) checkNoKernelsLeft(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(exitTimeout)
	for {
		left := j.kernelProcesses()
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			for _, pid := range left {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
			t.Errorf("kernel processes %v were left running after their client exited", left)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (j *jupyterEnv) kernelProcesses() []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		var pid int
		if _, err := fmt.Sscanf(e.Name(), "%d", &pid); err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if bytes.Contains(stat, []byte(") Z ")) {
			continue // a zombie has exited
		}
		if bytes.Contains(cmdline, []byte(j.runtime)) && bytes.Contains(cmdline, []byte(goconcBin)) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// testNotebook returns the path of a notebook of testdata.
func testNotebook(t testing.TB, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestJupyterKernelspec checks that Jupyter finds the installed spec.
func TestJupyterKernelspec(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"jupyter_client"}, systemJupyter, "/usr/bin/jupyter-kernelspec")
	j := newJupyterEnv(t)
	out, errOut, err := j.run(t, "", systemJupyter, "kernelspec", "list")
	if err != nil {
		t.Fatalf("jupyter kernelspec list: %v\n%s%s", err, out, errOut)
	}
	if !regexp.MustCompile(`(?m)^\s*goconc\s+\S*` + regexp.QuoteMeta(j.prefix)).MatchString(out) {
		t.Errorf("jupyter kernelspec list does not show goconc in %s:\n%s", j.prefix, out)
	}
	out, errOut, err = j.run(t, "", systemJupyter, "kernelspec", "list", "--json")
	if err != nil {
		t.Fatalf("jupyter kernelspec list --json: %v\n%s%s", err, out, errOut)
	}
	var specs struct {
		KernelSpecs map[string]struct {
			ResourceDir string `json:"resource_dir"`
			Spec        struct {
				Argv          []string `json:"argv"`
				DisplayName   string   `json:"display_name"`
				Language      string   `json:"language"`
				InterruptMode string   `json:"interrupt_mode"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	if err := json.Unmarshal([]byte(out), &specs); err != nil {
		t.Fatalf("kernelspec list --json: %v\n%s", err, out)
	}
	ks, ok := specs.KernelSpecs["goconc"]
	if !ok {
		t.Fatalf("no goconc kernelspec in %s", out)
	}
	if ks.Spec.DisplayName != "Go (goconc)" || ks.Spec.Language != "go" || ks.Spec.InterruptMode != "message" {
		t.Errorf("spec %+v, want display name Go (goconc), language go, interrupt_mode message", ks.Spec)
	}
	if len(ks.Spec.Argv) == 0 || ks.Spec.Argv[0] != goconcBin || !slices.Contains(ks.Spec.Argv, "{connection_file}") {
		t.Errorf("argv %q, want %s ... {connection_file}", ks.Spec.Argv, goconcBin)
	}
	for _, logo := range []string{"logo-32x32.png", "logo-64x64.png"} {
		if _, err := os.Stat(filepath.Join(ks.ResourceDir, logo)); err != nil {
			t.Errorf("kernelspec has no %s: %v", logo, err)
		}
	}
}

// nbOutput is one output of an executed notebook cell.
type nbOutput struct {
	OutputType string          `json:"output_type"`
	Name       string          `json:"name"`
	Text       json.RawMessage `json:"text"`
	Data       map[string]any  `json:"data"`
	EName      string          `json:"ename"`
	EValue     string          `json:"evalue"`
	Traceback  []string        `json:"traceback"`
	Count      *int            `json:"execution_count"`
}

type nbCell struct {
	ID             string     `json:"id"`
	CellType       string     `json:"cell_type"`
	ExecutionCount *int       `json:"execution_count"`
	Outputs        []nbOutput `json:"outputs"`
}

// multiline decodes nbformat's string-or-list-of-strings.
func multiline(raw any) string {
	switch v := raw.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, s := range v {
			b.WriteString(fmt.Sprint(s))
		}
		return b.String()
	case json.RawMessage:
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			return ""
		}
		return multiline(x)
	}
	return ""
}

// readNotebook reads the code cells of an executed notebook by id.
func readNotebook(t testing.TB, path string) map[string]nbCell {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []nbCell `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	cells := map[string]nbCell{}
	for _, c := range nb.Cells {
		cells[c.ID] = c
	}
	return cells
}

// validateNotebook checks path against the nbformat schema with
// /usr/bin/python3.
func validateNotebook(t testing.TB, j *jupyterEnv, path string) {
	t.Helper()
	out, errOut, err := j.run(t, "", systemPython, "-c",
		"import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", path)
	if err != nil || strings.TrimSpace(out) != "valid" {
		t.Errorf("%s is not a valid notebook: %v\n%s%s", path, err, out, errOut)
	}
}

// checkE2ENotebook checks the outputs of testdata/e2e.ipynb after a run.
func checkE2ENotebook(t testing.TB, path string) {
	t.Helper()
	cells := readNotebook(t, path)
	type want struct {
		outputType string
		check      func(o nbOutput) string // "" when o is right
	}
	text := func(s string) func(nbOutput) string {
		return func(o nbOutput) string {
			if got := multiline(o.Text); o.Name != "stdout" || got != s {
				return fmt.Sprintf("stream %s %q, want stdout %q", o.Name, got, s)
			}
			return ""
		}
	}
	plain := func(s string) func(nbOutput) string {
		return func(o nbOutput) string {
			if got := multiline(o.Data["text/plain"]); got != s {
				return fmt.Sprintf("text/plain %q, want %q", got, s)
			}
			return ""
		}
	}
	wants := []struct {
		id   string
		outs []want
	}{
		{"print", []want{{"stream", text("hello from goconc\n")}}},
		{"result", []want{{"execute_result", plain("40")}}},
		{"html", []want{{"display_data", func(o nbOutput) string {
			if got := multiline(o.Data["text/html"]); got != "<b>bold from goconc</b>" {
				return fmt.Sprintf("text/html %q", got)
			}
			return ""
		}}}},
		{"goroutines", []want{{"stream", text("total 55\n")}}},
		{"expected-error", []want{{"error", func(o nbOutput) string {
			if o.EName != "Panic" || !strings.Contains(o.EValue, "expected failure") || len(o.Traceback) == 0 {
				return fmt.Sprintf("error %s: %s (%d traceback lines), want Panic: expected failure", o.EName, o.EValue, len(o.Traceback))
			}
			return ""
		}}}},
		{"after-error", []want{{"execute_result", plain("22")}}},
	}
	for i, w := range wants {
		c, ok := cells[w.id]
		if !ok {
			t.Errorf("%s: no cell %q", path, w.id)
			continue
		}
		if c.ExecutionCount == nil || *c.ExecutionCount != i+1 {
			t.Errorf("cell %q: execution_count %v, want %d", w.id, ptrString(c.ExecutionCount), i+1)
		}
		if len(c.Outputs) != len(w.outs) {
			t.Errorf("cell %q: %d outputs %+v, want %d", w.id, len(c.Outputs), c.Outputs, len(w.outs))
			continue
		}
		for k, o := range c.Outputs {
			if o.OutputType != w.outs[k].outputType {
				t.Errorf("cell %q output %d: %s, want %s", w.id, k, o.OutputType, w.outs[k].outputType)
				continue
			}
			if msg := w.outs[k].check(o); msg != "" {
				t.Errorf("cell %q output %d: %s", w.id, k, msg)
			}
			if o.OutputType == "execute_result" && (o.Count == nil || *o.Count != i+1) {
				t.Errorf("cell %q: execute_result execution_count %v, want %d", w.id, ptrString(o.Count), i+1)
			}
		}
	}
}

func ptrString(p *int) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

// TestNbconvertExecute runs the test notebook with
// jupyter nbconvert --to notebook --execute.
func TestNbconvertExecute(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"nbconvert", "nbformat", "nbclient"}, systemJupyter, "/usr/bin/jupyter-nbconvert")
	j := newJupyterEnv(t)
	out := filepath.Join(j.dir, "work", "nbconvert-out.ipynb")
	stdout, stderr, err := j.run(t, "", systemJupyter, "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=120", "--output", out, testNotebook(t, "e2e.ipynb"))
	if err != nil {
		t.Fatalf("jupyter nbconvert --execute: %v\n%s%s", err, stdout, stderr)
	}
	checkE2ENotebook(t, out)
	validateNotebook(t, j, out)
	j.checkNoKernelsLeft(t)
}

// TestNbclient runs the test notebook with nbclient from Python.
func TestNbclient(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"nbclient", "nbformat", "jupyter_client"})
	j := newJupyterEnv(t)
	out := filepath.Join(j.dir, "work", "nbclient-out.ipynb")
	stdout, stderr, err := j.python(t, "run_nbclient.py", testNotebook(t, "e2e.ipynb"), out)
	if err != nil {
		t.Fatalf("run_nbclient.py: %v\n%s%s", err, stdout, stderr)
	}
	if !strings.Contains(stdout, "with kernel goconc") {
		t.Errorf("run_nbclient.py output %q, want the kernel named goconc", stdout)
	}
	checkE2ENotebook(t, out)
	j.checkNoKernelsLeft(t)

	t.Run("untagged-error-stops", func(t *testing.T) {
		stdout, stderr, err := j.python(t, "run_nbclient.py", testNotebook(t, "failing.ipynb"), filepath.Join(j.dir, "work", "failing-out.ipynb"))
		if err == nil {
			t.Fatalf("nbclient ran a notebook with an untagged failing cell without error:\n%s", stdout)
		}
		if !strings.Contains(stderr, "CellExecutionError") || !strings.Contains(stderr, "assignment to entry in nil map") {
			t.Errorf("nbclient's error does not show the cell's error:\n%s", tail(stderr, 2000))
		}
		j.checkNoKernelsLeft(t)
	})
}

// TestJupyterClientSession drives the kernel through jupyter_client's
// KernelManager and BlockingKernelClient.
func TestJupyterClientSession(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"jupyter_client"})
	j := newJupyterEnv(t)
	stdout, stderr, err := j.python(t, "jupyter_client_session.py")
	if err != nil {
		t.Fatalf("jupyter_client_session.py: %v\n%s%s", err, stdout, tail(stderr, 4000))
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	type run struct {
		Reply   map[string]any `json:"reply"`
		Outputs []struct {
			MsgType string         `json:"msg_type"`
			Content map[string]any `json:"content"`
		} `json:"outputs"`
	}
	var got struct {
		KernelInfo         map[string]any            `json:"kernel_info"`
		InterruptMode      string                    `json:"interrupt_mode"`
		Setup              run                       `json:"setup"`
		Execute            run                       `json:"execute"`
		Complete           map[string]any            `json:"complete"`
		Inspect            map[string]any            `json:"inspect"`
		IsComplete         map[string]map[string]any `json:"is_complete"`
		Interrupt          run                       `json:"interrupt"`
		AfterInterrupt     run                       `json:"after_interrupt"`
		PIDBeforeRestart   *int                      `json:"pid_before_restart"`
		PIDAfterRestart    *int                      `json:"pid_after_restart"`
		RestartedAlive     bool                      `json:"restarted_alive"`
		AfterRestartOldVar run                       `json:"after_restart_old_var"`
		AfterRestartNew    run                       `json:"after_restart_new"`
		AliveAfterShutdown bool                      `json:"alive_after_shutdown"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("decoding the script's report: %v\n%s", err, stdout)
	}
	outputText := func(r run, msgType string) string {
		var b strings.Builder
		for _, o := range r.Outputs {
			if o.MsgType != msgType {
				continue
			}
			switch msgType {
			case "stream":
				b.WriteString(fmt.Sprint(o.Content["text"]))
			case "execute_result":
				d, _ := o.Content["data"].(map[string]any)
				b.WriteString(fmt.Sprint(d["text/plain"]))
			}
		}
		return b.String()
	}

	if li, _ := got.KernelInfo["language_info"].(map[string]any); li["name"] != "go" {
		t.Errorf("kernel_info language_info %v", got.KernelInfo["language_info"])
	}
	if got.InterruptMode != "message" {
		t.Errorf("interrupt_mode %q, want message", got.InterruptMode)
	}
	if got.Setup.Reply["status"] != "ok" {
		t.Errorf("setup cell: %v", got.Setup.Reply)
	}
	if s := outputText(got.Execute, "stream"); s != "from jupyter_client\n" {
		t.Errorf("execute: stream %q", s)
	}
	if s := outputText(got.Execute, "execute_result"); s != "40" {
		t.Errorf("execute: result %q, want 40", s)
	}
	if m, _ := got.Complete["matches"].([]any); !slices.Contains(m, any("Println")) && !slices.Contains(m, any("fmt.Println")) {
		t.Errorf("complete fmt.Pri: %v", got.Complete)
	}
	if got.Inspect["found"] != true || !strings.Contains(fmt.Sprint(got.Inspect["data"]), "Println") {
		t.Errorf("inspect fmt.Println: %v", got.Inspect)
	}
	for code, want := range map[string]string{"func f() {": "incomplete", "x := 1": "complete", "x := )": "invalid"} {
		if s := got.IsComplete[code]["status"]; s != want {
			t.Errorf("is_complete(%q) = %v, want %s", code, s, want)
		}
	}
	if got.Interrupt.Reply["status"] != "error" || got.Interrupt.Reply["ename"] != "Interrupt" {
		t.Errorf("interrupted cell: %v, want an Interrupt error", got.Interrupt.Reply)
	}
	if s := outputText(got.AfterInterrupt, "execute_result"); s != "21" {
		t.Errorf("cell after interrupt: %q (%v), want 21", s, got.AfterInterrupt.Reply)
	}
	if got.PIDBeforeRestart == nil || got.PIDAfterRestart == nil || *got.PIDBeforeRestart == *got.PIDAfterRestart {
		t.Errorf("restart: kernel pid %s then %s, want a new process", ptrString(got.PIDBeforeRestart), ptrString(got.PIDAfterRestart))
	}
	if !got.RestartedAlive {
		t.Errorf("kernel not alive after restart")
	}
	if r := got.AfterRestartOldVar.Reply; r["status"] != "error" || !strings.Contains(fmt.Sprint(r["evalue"]), "undefined") {
		t.Errorf("after restart, x: %v, want an undefined error", r)
	}
	if c := got.AfterRestartOldVar.Reply["execution_count"]; c != 1.0 {
		t.Errorf("after restart the execution count is %v, want 1", c)
	}
	if s := outputText(got.AfterRestartNew, "execute_result"); s != "9" {
		t.Errorf("after restart, new cell: %q (%v), want 9", s, got.AfterRestartNew.Reply)
	}
	if got.AliveAfterShutdown {
		t.Errorf("kernel alive after shutdown_kernel")
	}
	j.checkNoKernelsLeft(t)
}

// TestJupyterConsoleSimple feeds cells to jupyter console --simple-prompt
// on standard input. The simple prompt reads one line per cell.
func TestJupyterConsoleSimple(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"jupyter_console"}, systemJupyter, "/usr/bin/jupyter-console")
	j := newJupyterEnv(t)
	stdout, stderr, err := j.runFor(t, consoleTimeout, "x := 20\nx*2\nimport \"fmt\"\nfmt.Println(\"printed\", x)\n",
		systemJupyter, "console", "--kernel", "goconc", "--simple-prompt")
	if err != nil {
		t.Fatalf("jupyter console: %v\n%s%s", err, stdout, stderr)
	}
	for _, want := range []string{"goconc", "Out[2]: 40", "printed 20", "Shutting down kernel"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("console output lacks %q:\n%s\nstderr:\n%s", want, stdout, stderr)
		}
	}
	if strings.Contains(stdout, "Error") {
		t.Errorf("console shows an error:\n%s", stdout)
	}
	j.checkNoKernelsLeft(t)
}

// TestJupyterConsoleMultiline types a multi-line function into jupyter
// console's full prompt_toolkit interface on a pseudo-terminal (made by
// script(1)): the console asks the kernel is_complete at each Enter, and
// sends the cell only once it is complete.
func TestJupyterConsoleMultiline(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"jupyter_console"}, systemJupyter, "/usr/bin/jupyter-console", "/usr/bin/script")
	j := newJupyterEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), consoleTimeout)
	defer cancel()
	cmd := j.command(ctx, "/usr/bin/script", "-qfec", systemJupyter+" console --kernel goconc", "/dev/null")
	// No cursor position requests: nothing here would answer them.
	cmd.Env = append(cmd.Env, "PROMPT_TOOLKIT_NO_CPR=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{changed: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = term, term
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cancel()
		<-exited
		if t.Failed() {
			t.Logf("terminal:\n%s", tail(term.text(), 3000))
		}
	}()

	type step struct {
		send string // typed keys; \r is Enter; "" for none
		want string // screen text (escape sequences removed) to wait for since the last keys
	}
	steps := []step{
		{"", "In [1]: "},
		{"func add(a, b int) int {\r", "...: "},
		{"return a + b\r", "...: "},
		{"}\r", "In [2]: "},
		{"add(20, 22)\r", "Out[2]: 42"},
		{"x := add(1, 2)\r", "In [4]: "},
		{"if x > 2 {\r", "...: "},
		{"x *= 10\r", "...: "},
		{"}\r", "In [5]: "},
		{"x\r", "Out[5]: 30"},
		{"", "In [6]: "},
	}
	mark := 0
	for i, s := range steps {
		// Wait for what was shown since the last keys were typed.
		if s.send != "" {
			mark = term.len()
			if _, err := io.WriteString(stdin, s.send); err != nil {
				t.Fatalf("step %d: typing %q: %v", i, s.send, err)
			}
		}
		if err := term.waitFor(ctx, mark, s.want, exited); err != nil {
			t.Fatalf("step %d: after typing %q: %v", i, s.send, err)
		}
	}
	if strings.Contains(term.text(), "Error") {
		t.Errorf("the console shows an error")
	}
	// Ctrl-D, and confirm.
	mark = term.len()
	_, _ = io.WriteString(stdin, "\x04")
	if err := term.waitFor(ctx, mark, "exit", exited); err != nil {
		t.Fatalf("Ctrl-D: %v", err)
	}
	_, _ = io.WriteString(stdin, "y\r")
	select {
	case err := <-exited:
		exited <- err
		if err != nil {
			t.Errorf("jupyter console exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Errorf("jupyter console did not exit after Ctrl-D and y")
	}
	_ = stdin.Close()
	j.checkNoKernelsLeft(t)
}

// terminal collects what a program writes to a pseudo-terminal.
type terminal struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func (t *terminal) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	close(t.changed)
	t.changed = make(chan struct{})
	return len(p), nil
}

func (t *terminal) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.Len()
}

// ansi matches terminal escape sequences.
var ansi = regexp.MustCompile(`\x1b(\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])`)

func (t *terminal) text() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return ansi.ReplaceAllString(t.buf.String(), "")
}

// waitFor waits until the output written after byte offset from contains
// want once escape sequences are removed.
func (t *terminal) waitFor(ctx context.Context, from int, want string, exited chan error) error {
	for {
		t.mu.Lock()
		out := ansi.ReplaceAllString(t.buf.String()[from:], "")
		changed := t.changed
		t.mu.Unlock()
		if strings.Contains(out, want) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%q not shown: %w; shown since: %q", want, ctx.Err(), tail(out, 500))
		case err := <-exited:
			exited <- err
			return fmt.Errorf("%q not shown: the console exited (%v); shown since: %q", want, err, tail(out, 500))
		case <-changed:
		case <-time.After(opTimeout):
			return fmt.Errorf("%q not shown within %v; shown since: %q", want, opTimeout, tail(out, 500))
		}
	}
}

// TestRunCommand checks goconc run on notebooks: outputs, a valid result,
// failures named, and malformed notebooks left untouched.
func TestRunCommand(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"nbformat"})
	j := newJupyterEnv(t)

	runGoconc := func(t *testing.T, args ...string) (string, int) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), toolTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, goconcBin, append([]string{"run"}, args...)...)
		cmd.Dir = filepath.Join(j.dir, "work")
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		switch {
		case err == nil:
			return string(out), 0
		case errors.As(err, &exit):
			return string(out), exit.ExitCode()
		}
		t.Fatalf("goconc run: %v\n%s", err, out)
		return "", -1
	}

	t.Run("output-dir", func(t *testing.T) {
		outDir := filepath.Join(j.dir, "work", "run-out")
		src := testNotebook(t, "e2e.ipynb")
		before, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		out, code := runGoconc(t, "--timeout", "2m", "-o", outDir, src)
		if code != 0 {
			t.Fatalf("goconc run -o: exit %d\n%s", code, out)
		}
		if !strings.Contains(out, "e2e.ipynb") || !strings.Contains(out, "6 code cells") || !strings.Contains(out, "0 failed") {
			t.Errorf("summary %q, want the notebook, its 6 code cells and 0 failed", out)
		}
		result := filepath.Join(outDir, "e2e.ipynb")
		checkE2ENotebook(t, result)
		validateNotebook(t, j, result)
		if after, _ := os.ReadFile(src); !bytes.Equal(before, after) {
			t.Errorf("goconc run -o changed its input")
		}
	})

	t.Run("failing-cell", func(t *testing.T) {
		outDir := filepath.Join(j.dir, "work", "run-failing")
		out, code := runGoconc(t, "-o", outDir, testNotebook(t, "failing.ipynb"))
		if code == 0 {
			t.Fatalf("goconc run succeeded on a notebook with an untagged failing cell:\n%s", out)
		}
		for _, want := range []string{"cell 2", "var m map[string]int", "nil map"} {
			if !strings.Contains(out, want) {
				t.Errorf("output does not name the failing cell (%q):\n%s", want, out)
			}
		}
		// The run goes on after the failure and still writes the notebook.
		cells := readNotebook(t, filepath.Join(outDir, "failing.ipynb"))
		if c := cells["still-runs"]; len(c.Outputs) != 1 || multiline(c.Outputs[0].Data["text/plain"]) != "10" {
			t.Errorf("cell after the failure: %+v, want result 10", c.Outputs)
		}
		validateNotebook(t, j, filepath.Join(outDir, "failing.ipynb"))
	})

	valid, err := os.ReadFile(testNotebook(t, "e2e.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	badType := bytes.Replace(valid, []byte(`"cell_type": "code",
   "execution_count": null,
   "id": "result"`), []byte(`"cell_type": "banana",
   "execution_count": null,
   "id": "result"`), 1)
	if bytes.Equal(badType, valid) {
		t.Fatal("could not make the bad cell_type notebook")
	}
	malformed := []struct {
		name    string
		content []byte
		mention string
	}{
		{"invalid-json", []byte(`{"cells": [{"cell_type": "code", "source": "x := 1"`), "JSON"},
		{"not-a-notebook", []byte(`[1, 2, 3]`), "notebook"},
		{"bad-cell-type", badType, "banana"},
		{"empty-file", []byte{}, ""},
	}
	for _, m := range malformed {
		t.Run("malformed/"+m.name, func(t *testing.T) {
			path := filepath.Join(j.dir, "work", m.name+".ipynb")
			if err := os.WriteFile(path, m.content, 0o644); err != nil {
				t.Fatal(err)
			}
			out, code := runGoconc(t, "--inplace", path)
			if code == 0 {
				t.Errorf("goconc run --inplace accepted a malformed notebook:\n%s", out)
			}
			if !strings.Contains(out, m.name+".ipynb") || (m.mention != "" && !strings.Contains(out, m.mention)) {
				t.Errorf("error %q does not name the file and the problem (%q)", out, m.mention)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, m.content) {
				t.Errorf("goconc run --inplace changed a malformed notebook:\n%s", after)
			}
		})
	}

	t.Run("inplace", func(t *testing.T) {
		path := filepath.Join(j.dir, "work", "inplace.ipynb")
		if err := os.WriteFile(path, valid, 0o644); err != nil {
			t.Fatal(err)
		}
		out, code := runGoconc(t, "--inplace", path)
		if code != 0 {
			t.Fatalf("goconc run --inplace: exit %d\n%s", code, out)
		}
		checkE2ENotebook(t, path)
		validateNotebook(t, j, path)
	})
}
