package procpool_test

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goconc/goconc/helpers/procpool"
)

func newPool(t *testing.T, cfg procpool.Config) *procpool.Pool {
	t.Helper()
	p, err := procpool.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Kill(); checkNoChildren(t) })
	return p
}

// children returns the pids of this process's children, from /proc.
func children(t *testing.T) []int {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []int
	me := os.Getpid()
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // gone meanwhile
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses
		s := string(b)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(fields) > 1 {
			if ppid, _ := strconv.Atoi(fields[1]); ppid == me {
				pid, _ := strconv.Atoi(strings.Fields(s)[0])
				out = append(out, pid)
			}
		}
	}
	return out
}

func checkNoChildren(t *testing.T) {
	t.Helper()
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		return // no /proc
	}
	if c := children(t); len(c) > 0 {
		t.Errorf("child processes left: %v", c)
	}
}

func TestMapInOrder(t *testing.T) {
	p := newPool(t, testConfig(3))
	var args []map[string]any
	for i := range 20 {
		args = append(args, map[string]any{"ms": (20 - i) % 5, "tag": i})
	}
	// sleep rejects the unknown field "tag": every task fails the same way
	res, err := p.Map("sleep", args)
	if err == nil || !strings.Contains(err.Error(), `unknown field "tag"`) || len(res) != 20 {
		t.Fatalf("Map with a bad field: %v, %v", res, err)
	}
	for i := range args {
		delete(args[i], "tag")
	}
	res, err = p.Map("sleep", args)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range res {
		if v != float64((20-i)%5) {
			t.Errorf("result %d = %v, want %d", i, v, (20-i)%5)
		}
	}
	st := p.Stats()
	total := 0
	for _, w := range st.Workers {
		total += w.Tasks
		if w.PID == 0 || w.Starts != 1 || w.StartLatency <= 0 {
			t.Errorf("worker stats %+v", w)
		}
	}
	if total != 40 || st.Submitted != 40 || st.Queued != 0 {
		t.Errorf("stats %+v: want 40 tasks", st)
	}
}

func TestSubmitAsCompletedAndErrors(t *testing.T) {
	p := newPool(t, testConfig(2))
	fs := []*procpool.Future{
		p.Submit("sleep", map[string]any{"ms": 200}),
		p.Submit("integrate", map[string]any{"a": 0, "b": 3, "n": 1000}),
		p.Submit("nosuch", nil),
		p.Submit("fail", map[string]any{"message": "boom"}),
		p.Submit("pid", nil),
	}
	var order []int64
	for f := range procpool.AsCompleted(fs) {
		order = append(order, f.ID())
	}
	if len(order) != 5 || order[4] != fs[0].ID() {
		t.Errorf("completion order %v: want 5, the sleep last", order)
	}
	if v, err := fs[1].Wait(); err != nil || v.(float64) < 8.99 || v.(float64) > 9.01 {
		t.Errorf("integrate: %v %v", v, err)
	}
	if _, err := fs[2].Wait(); err == nil || !strings.Contains(err.Error(), `unknown task "nosuch"`) {
		t.Errorf("unknown task: %v", err)
	}
	if _, err := fs[3].Wait(); err == nil || err.Error() != "fail: boom" {
		t.Errorf("fail: %v", err)
	}
	if v, err := fs[4].Wait(); err != nil || v.(float64) == float64(os.Getpid()) {
		t.Errorf("pid: %v %v, want a worker's pid", v, err)
	}
	if fs[4].Worker() < 0 || fs[4].Task() != "pid" {
		t.Errorf("worker %d task %q", fs[4].Worker(), fs[4].Task())
	}
	slow := p.Submit("sleep", map[string]any{"ms": 300})
	if _, err := slow.WaitTimeout(10 * time.Millisecond); !errors.Is(err, procpool.ErrWaitTimeout) {
		t.Errorf("WaitTimeout: %v", err)
	}
	if v, err := slow.WaitTimeout(5 * time.Second); err != nil || v != 300.0 {
		t.Errorf("WaitTimeout: %v %v", v, err)
	}
	if _, err := p.Submit("sleep", map[string]any{"ms": make(chan int)}).Wait(); err == nil {
		t.Error("args that do not encode: no error")
	}
}

func TestTimeoutReplacesWorker(t *testing.T) {
	cfg := testConfig(1)
	cfg.Timeout = 200 * time.Millisecond
	p := newPool(t, cfg)
	pid := p.Stats().Workers[0].PID
	start := time.Now()
	_, err := p.Submit("sleep", map[string]any{"ms": 10000}).Wait()
	if !errors.Is(err, procpool.ErrTimeout) || time.Since(start) > 5*time.Second {
		t.Fatalf("after %v: %v, want ErrTimeout", time.Since(start), err)
	}
	v, err := p.Submit("factor", map[string]any{"n": 91}).Wait()
	if err != nil || len(v.([]any)) != 2 {
		t.Fatalf("after the timeout: %v %v", v, err)
	}
	w := p.Stats().Workers[0]
	if w.Starts != 2 || w.Failed != 1 || w.PID == pid || w.PID == 0 {
		t.Errorf("worker stats %+v: want a second process (first was %d)", w, pid)
	}
}

func TestKilledWorkerFailsItsTask(t *testing.T) {
	p := newPool(t, testConfig(2))
	f := p.Submit("sleep", map[string]any{"ms": 10000})
	deadline := time.Now().Add(5 * time.Second)
	pid := 0
	for pid == 0 && time.Now().Before(deadline) {
		for _, w := range p.Stats().Workers {
			if w.Busy {
				pid = w.PID
			}
		}
		time.Sleep(time.Millisecond)
	}
	if pid == 0 {
		t.Fatal("no busy worker")
	}
	time.Sleep(20 * time.Millisecond) // let the request reach the worker
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WaitTimeout(5 * time.Second); !errors.Is(err, procpool.ErrWorkerDied) {
		t.Fatalf("killed worker: %v, want ErrWorkerDied", err)
	}
	// The dead worker is replaced right away, before any task asks for it.
	starts := 0
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		starts = 0
		for _, w := range p.Stats().Workers {
			starts += w.Starts
		}
		if starts == 3 && p.Stats().Workers[0].PID != 0 && p.Stats().Workers[1].PID != 0 {
			break
		}
	}
	if starts != 3 {
		t.Errorf("%d starts, want 3", starts)
	}
	for _, w := range p.Stats().Workers {
		if w.PID == 0 || w.PID == pid {
			t.Errorf("worker %+v: want a live replacement of pid %d", w, pid)
		}
	}
	res, err := p.Map("primes", []map[string]any{{"lo": 0, "hi": 10}, {"lo": 0, "hi": 100}, {"lo": 0, "hi": 1000}})
	if err != nil || len(res) != 3 || res[2] != 168.0 {
		t.Fatalf("after the kill: %v %v", res, err)
	}
}

func TestCloseFinishesQueueAndLeavesNoChildren(t *testing.T) {
	p, err := procpool.New(testConfig(2))
	if err != nil {
		t.Fatal(err)
	}
	if len(children(t)) != 2 {
		t.Errorf("children %v, want 2", children(t))
	}
	var fs []*procpool.Future
	for range 6 {
		fs = append(fs, p.Submit("sleep", map[string]any{"ms": 20}))
	}
	p.Close()
	for _, f := range fs {
		if _, err := f.WaitTimeout(0); err != nil {
			t.Errorf("queued task after Close: %v", err)
		}
	}
	checkNoChildren(t)
	if _, err := p.Submit("pid", nil).Wait(); !errors.Is(err, procpool.ErrClosed) {
		t.Errorf("Submit after Close: %v", err)
	}
	p.Close()
	p.Kill()
}

func TestKill(t *testing.T) {
	p, err := procpool.New(testConfig(2))
	if err != nil {
		t.Fatal(err)
	}
	var fs []*procpool.Future
	for range 5 {
		fs = append(fs, p.Submit("spin", map[string]any{"ms": 10000}))
	}
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	p.Kill()
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Kill took %v", d)
	}
	for _, f := range fs {
		if _, err := f.WaitTimeout(time.Second); !errors.Is(err, procpool.ErrKilled) {
			t.Errorf("after Kill: %v", err)
		}
	}
	checkNoChildren(t)
	p.Close()
}

func TestBadCommand(t *testing.T) {
	_, err := procpool.New(procpool.Config{Workers: 2, Command: []string{"/nonexistent/goconc", "worker"}})
	if err == nil {
		t.Fatal("no error")
	}
	// a program that exits at once, without the ready line
	_, err = procpool.New(procpool.Config{Workers: 1, Command: []string{os.Args[0], "-test.run=^$"}})
	if err == nil || !strings.Contains(err.Error(), "before it was ready") {
		t.Fatalf("program without ready line: %v", err)
	}
	checkNoChildren(t)
}

// The worker's side of the protocol, in process.
func TestWorkerProtocol(t *testing.T) {
	in := strings.NewReader(`{"id":1,"task":"factor","args":{"n":12}}

not json
{"id":2,"task":"primes","args":{"lo":0,"hi":100,"x":1}}
{"id":3,"task":"integrate","args":{"a":0,"b":1,"n":1}}
{"id":4,"task":"pid"}
`)
	var out strings.Builder
	if err := procpool.Worker(in, &out); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	want := []string{
		`{"id":0,"ready":true,"pid":` + strconv.Itoa(os.Getpid()) + `}`,
		`{"id":1,"result":[2,2,3]}`,
		`{"id":0,"error":"malformed request: invalid character 'o' in literal null (expecting 'u')"}`,
		`{"id":2,"error":"primes: bad args: json: unknown field \"x\""}`,
		`{"id":3,"result":0.25}`,
		`{"id":4,"result":` + strconv.Itoa(os.Getpid()) + `}`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), out.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
}
