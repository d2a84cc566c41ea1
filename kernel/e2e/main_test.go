// Package e2e_test drives the real goconc binary end to end: a kernel
// process per test over real ZeroMQ sockets with the Go client of package
// kerneltest, and the Jupyter clients of Debian (jupyter_client, nbclient,
// nbconvert, jupyter console) through the installed kernelspec.
//
// TestMain builds the binary once (or takes the one named by the
// environment variable GOCONC_E2E_BIN). Every test starts its own kernel
// process, so tests run in parallel and none sees another's state.
// Conditions are awaited with generous deadlines, never timed: figures go
// into the benchmarks of bench_test.go.
package e2e_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/kerneltest"
	"github.com/goconc/goconc/kernel/wire"

	"github.com/goconc/goconc/internal/syncbuf"
)

// Deadlines. They are generous so that a loaded 2-core CI machine passes;
// a test that meets them on a healthy machine finishes far sooner.
const (
	startTimeout = 30 * time.Second // process start to IOPub ready
	opTimeout    = 20 * time.Second // one request and its output
	exitTimeout  = 10 * time.Second // shutdown_reply to process exit
)

var (
	// goconcBin is the goconc binary TestMain built.
	goconcBin string
	// moduleRoot is the directory of go.mod.
	moduleRoot string
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err == nil {
		_, err = os.Stat(filepath.Join(root, "go.mod"))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: cannot find the module root: %v\n", err)
		return 1
	}
	moduleRoot = root
	if bin := os.Getenv("GOCONC_E2E_BIN"); bin != "" {
		// A binary built elsewhere, e.g. a release build under test.
		goconcBin, err = filepath.Abs(bin)
		if err != nil {
			fmt.Fprintf(os.Stderr, "e2e: GOCONC_E2E_BIN: %v\n", err)
			return 1
		}
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "goconc-e2e-bin-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	goconcBin = filepath.Join(dir, "goconc")
	build := exec.Command("go", "build", "-o", goconcBin, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building goconc: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// ctxFor returns a context that ends after d or when the test ends.
func ctxFor(t testing.TB, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// syncBuffer collects output written while the test reads it.
type syncBuffer = syncbuf.Buffer

// kernel is one goconc kernel process and a client dialed to it.
type kernel struct {
	cmd    *exec.Cmd
	c      *kerneltest.Client
	info   wire.ConnectionInfo
	log    *syncBuffer   // the process's stdout and stderr
	exited chan struct{} // closed when the process has exited
	state  *os.ProcessState
}

// startKernel starts a fresh kernel process, dials it and waits until its
// IOPub delivers. The process is shut down (or killed) when the test ends.
func startKernel(t testing.TB) *kernel {
	t.Helper()
	var errs []error
	// The connection file's ports are free when chosen but not reserved:
	// a parallel test can take one first, so a failed start is retried.
	for attempt := 1; attempt <= 3; attempt++ {
		k, err := tryStartKernel(t)
		if err == nil {
			return k
		}
		errs = append(errs, fmt.Errorf("attempt %d: %w", attempt, err))
	}
	t.Fatalf("starting the kernel: %v", errors.Join(errs...))
	return nil
}

func tryStartKernel(t testing.TB) (*kernel, error) {
	connFile, info, err := kerneltest.WriteConnectionFile(t.TempDir())
	if err != nil {
		return nil, err
	}
	k := &kernel{info: info, log: &syncBuffer{}, exited: make(chan struct{})}
	k.cmd = exec.Command(goconcBin, "kernel", "-f", connFile)
	k.cmd.Stdout, k.cmd.Stderr = k.log, k.log
	if err := k.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		_ = k.cmd.Wait()
		k.state = k.cmd.ProcessState
		close(k.exited)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	// Stop dialing as soon as the process dies.
	dctx, dcancel := context.WithCancel(ctx)
	defer dcancel()
	go func() {
		select {
		case <-k.exited:
			dcancel()
		case <-dctx.Done():
		}
	}()
	c, err := kerneltest.Dial(dctx, info)
	if err == nil {
		k.c = c
		err = c.WaitIOPubReady(dctx)
	}
	if err != nil {
		_ = k.stop()
		return nil, fmt.Errorf("%w; kernel log:\n%s", err, k.log.String())
	}
	t.Cleanup(func() {
		if err := k.stop(); err != nil {
			t.Errorf("stopping the kernel: %v", err)
		}
		if t.Failed() {
			t.Logf("kernel log (pid %d):\n%s", k.cmd.Process.Pid, tail(k.log.String(), 4000))
		}
	})
	return k, nil
}

// stop asks the kernel to shut down, kills it if it does not exit, and
// closes the client. It reports a kernel that had to be killed, or that
// exited with a non-zero status after a shutdown_request; a kernel that
// had exited before is not its concern.
func (k *kernel) stop() error {
	defer func() {
		if k.c != nil {
			_ = k.c.Close()
		}
	}()
	select {
	case <-k.exited:
		return nil
	default:
	}
	if k.c != nil {
		_, _ = k.c.Request("control", "shutdown_request", map[string]bool{"restart": false})
	}
	select {
	case <-k.exited:
		if code := k.state.ExitCode(); code != 0 {
			return fmt.Errorf("after shutdown_request the kernel exited with status %d", code)
		}
		return nil
	case <-time.After(exitTimeout):
		_ = k.cmd.Process.Kill()
		<-k.exited
		return fmt.Errorf("the kernel did not exit within %v of a shutdown_request and was killed", exitTimeout)
	}
}

// alive reports whether the kernel process is still running.
func (k *kernel) alive() bool {
	select {
	case <-k.exited:
		return false
	default:
		return k.cmd.Process.Signal(syscall.Signal(0)) == nil
	}
}

// waitExit waits for the process to exit and returns its exit code.
func (k *kernel) waitExit(ctx context.Context) (int, error) {
	select {
	case <-k.exited:
		return k.state.ExitCode(), nil
	case <-ctx.Done():
		return -1, fmt.Errorf("kernel process %d did not exit: %w", k.cmd.Process.Pid, ctx.Err())
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// run is the outcome of one execute request.
type run struct {
	req   wire.Header
	reply wire.Message
	rc    map[string]any // reply content
	iopub []wire.Message // up to and including status idle
}

// exec executes code (storing history, stop_on_error) and fails the test
// if the reply or the output does not arrive.
func (k *kernel) exec(t testing.TB, code string) run {
	t.Helper()
	return k.execWith(t, kerneltest.ExecuteRequest{Code: code, StoreHistory: true, StopOnError: true})
}

func (k *kernel) execWith(t testing.TB, req kerneltest.ExecuteRequest) run {
	t.Helper()
	return k.await(t, k.send(t, req))
}

// send sends an execute_request without waiting.
func (k *kernel) send(t testing.TB, req kerneltest.ExecuteRequest) wire.Header {
	t.Helper()
	if req.UserExpressions == nil {
		req.UserExpressions = map[string]string{}
	}
	h, err := k.c.Request("shell", "execute_request", req)
	if err != nil {
		t.Fatalf("sending execute_request: %v", err)
	}
	return h
}

// await waits for the execute_reply to h and its IOPub output.
func (k *kernel) await(t testing.TB, h wire.Header) run {
	t.Helper()
	ctx := ctxFor(t, opTimeout)
	r := run{req: h}
	var err error
	r.reply, err = k.c.ReplyTo(ctx, "shell", h)
	if err != nil {
		t.Fatalf("no execute_reply (process alive: %v): %v", k.alive(), err)
	}
	r.rc = content(t, r.reply)
	r.iopub, err = k.c.CollectUntilIdle(ctx, h)
	if err != nil {
		t.Fatalf("IOPub output (process alive: %v): %v; got %s", k.alive(), err, describe(r.iopub))
	}
	return r
}

// mustOK fails the test unless the cell succeeded.
func (r run) mustOK(t testing.TB) run {
	t.Helper()
	if r.rc["status"] != "ok" {
		t.Fatalf("cell failed: %v\niopub: %s", r.rc, describe(r.iopub))
	}
	return r
}

// request sends a request on channel and returns the reply's content.
func (k *kernel) request(t testing.TB, channel, msgType string, c any) (wire.Message, map[string]any) {
	t.Helper()
	h, err := k.c.Request(channel, msgType, c)
	if err != nil {
		t.Fatalf("sending %s: %v", msgType, err)
	}
	ctx := ctxFor(t, opTimeout)
	m, err := k.c.ReplyTo(ctx, channel, h)
	if err != nil {
		t.Fatalf("no reply to %s on %s (process alive: %v): %v", msgType, channel, k.alive(), err)
	}
	if want := strings.TrimSuffix(msgType, "_request") + "_reply"; m.Header.MsgType != want {
		t.Errorf("reply to %s is %s, want %s", msgType, m.Header.MsgType, want)
	}
	return m, content(t, m)
}

// content decodes a message's content into a map.
func content(t testing.TB, m wire.Message) map[string]any {
	t.Helper()
	var c map[string]any
	if err := m.UnmarshalContent(&c); err != nil {
		t.Fatalf("%v", err)
	}
	return c
}

// ofType returns the messages of type msgType.
func ofType(ms []wire.Message, msgType string) []wire.Message {
	var out []wire.Message
	for _, m := range ms {
		if m.Header.MsgType == msgType {
			out = append(out, m)
		}
	}
	return out
}

// streamText concatenates the text of the stream messages named name
// ("stdout", "stderr", or "" for both).
func streamText(t testing.TB, ms []wire.Message, name string) string {
	t.Helper()
	var b strings.Builder
	for _, m := range ofType(ms, "stream") {
		c := content(t, m)
		if name == "" || c["name"] == name {
			s, _ := c["text"].(string)
			b.WriteString(s)
		}
	}
	return b.String()
}

// resultText returns the text/plain of the execute_result, and whether
// there is exactly one.
func resultText(t testing.TB, ms []wire.Message) (string, bool) {
	t.Helper()
	rs := ofType(ms, "execute_result")
	if len(rs) != 1 {
		return "", false
	}
	data, _ := content(t, rs[0])["data"].(map[string]any)
	s, _ := data["text/plain"].(string)
	return s, true
}

// errorText joins the ename, evalue and traceback of an error reply or
// message content.
func errorText(c map[string]any) string {
	parts := []string{fmt.Sprint(c["ename"]), fmt.Sprint(c["evalue"])}
	if tb, ok := c["traceback"].([]any); ok {
		for _, l := range tb {
			parts = append(parts, fmt.Sprint(l))
		}
	}
	return strings.Join(parts, "\n")
}

// describe lists message types (with a status's state and a stream's
// text) for failure messages.
func describe(ms []wire.Message) string {
	var parts []string
	for _, m := range ms {
		s := m.Header.MsgType
		var c map[string]any
		_ = json.Unmarshal(m.Content, &c)
		switch s {
		case "status":
			s += "(" + fmt.Sprint(c["execution_state"]) + ")"
		case "stream":
			s += fmt.Sprintf("(%v %q)", c["name"], tail(fmt.Sprint(c["text"]), 80))
		case "error":
			s += fmt.Sprintf("(%v: %v)", c["ename"], c["evalue"])
		case "execute_result", "display_data", "update_display_data":
			s += fmt.Sprintf("(%v)", c["data"])
		}
		parts = append(parts, s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
