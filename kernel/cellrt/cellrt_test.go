package cellrt

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeTracker records the calls of a Tracker.
type fakeTracker struct {
	mu     sync.Mutex // guards the fields below
	spawns int
	events []string
	panics []any
	stacks [][]byte
	exited chan struct{}
}

func (f *fakeTracker) Spawn() any {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.spawns++
	f.events = append(f.events, "spawn")
	return f.spawns
}

func (f *fakeTracker) Enter(owner any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, "enter")
}

func (f *fakeTracker) Exit(owner any, p any, stack []byte) {
	f.mu.Lock()
	f.events = append(f.events, "exit")
	f.panics = append(f.panics, p)
	f.stacks = append(f.stacks, stack)
	f.mu.Unlock()
	if f.exited != nil {
		f.exited <- struct{}{}
	}
}

func (f *fakeTracker) snapshot() (int, string, []any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.spawns, strings.Join(f.events, " "), append([]any{}, f.panics...)
}

func withTracker(t *testing.T, tr Tracker) {
	t.Helper()
	old := SetTracker(tr)
	t.Cleanup(func() { SetTracker(old) })
}

func TestGuardWithTracker(t *testing.T) {
	tr := &fakeTracker{}
	withTracker(t, tr)
	ran := false
	g := Guard(func() { ran = true })
	if n, ev, _ := tr.snapshot(); n != 1 || ev != "spawn" {
		t.Fatalf("Guard must call Spawn once when created: spawns=%d events=%q", n, ev)
	}
	g()
	if _, ev, ps := tr.snapshot(); !ran || ev != "spawn enter exit" || ps[0] != nil {
		t.Fatalf("call: ran=%v events=%q panics=%v", ran, ev, ps)
	}
	if Running() != 0 {
		t.Errorf("Running() = %d after the call, want 0", Running())
	}
}

func TestGuardRecoversPanic(t *testing.T) {
	tr := &fakeTracker{}
	withTracker(t, tr)
	var wg sync.WaitGroup
	wg.Go(Guard(func() { panic("boom") })) // would end the test binary if not recovered
	wg.Wait()
	_, ev, ps := tr.snapshot()
	if ev != "spawn enter exit" || len(ps) != 1 || ps[0] != "boom" || len(tr.stacks[0]) == 0 {
		t.Fatalf("events=%q panics=%v, want the panic reported to Exit with a stack", ev, ps)
	}
}

func TestGuardCalledAgain(t *testing.T) {
	tr := &fakeTracker{}
	withTracker(t, tr)
	g := Guard(func() {})
	g()
	g()
	if n, ev, _ := tr.snapshot(); n != 2 || ev != "spawn enter exit enter spawn enter exit" {
		t.Fatalf("a second call is a new goroutine of the owner: spawns=%d events=%q", n, ev)
	}
}

func TestGuardWithoutTracker(t *testing.T) {
	withTracker(t, nil)
	f := func() { panic("through") }
	g := Guard(f)
	if reflect.ValueOf(g).Pointer() != reflect.ValueOf(f).Pointer() {
		t.Fatal("without a tracker Guard must return f itself")
	}
	defer func() {
		if p := recover(); p != "through" {
			t.Fatalf("the panic must go through Guard's function, got %v", p)
		}
	}()
	g()
}

func TestGoWithTracker(t *testing.T) {
	tr := &fakeTracker{exited: make(chan struct{}, 1)}
	withTracker(t, tr)
	Go(func() { panic("in goroutine") })
	select {
	case <-tr.exited:
	case <-time.After(10 * time.Second):
		t.Fatal("Exit not called")
	}
	if _, ev, ps := tr.snapshot(); ev != "spawn enter exit" || ps[0] != "in goroutine" {
		t.Fatalf("events=%q panics=%v", ev, ps)
	}
}

// TestGoWithoutTracker checks that without a tracker a panic in a
// goroutine started by Go (or in a Guard function) ends the process as in
// Go: the test runs itself in a subprocess that panics.
func TestGoWithoutTracker(t *testing.T) {
	if mode := os.Getenv("CELLRT_CRASH"); mode != "" {
		SetTracker(nil)
		done := make(chan bool)
		f := func() { panic("crash " + mode) }
		if mode == "guard" {
			time.AfterFunc(time.Millisecond, Guard(f))
		} else {
			Go(f)
		}
		<-done
		return
	}
	for _, mode := range []string{"go", "guard"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestGoWithoutTracker$")
		cmd.Env = append(os.Environ(), "CELLRT_CRASH="+mode)
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 || !strings.HasPrefix(string(out), "panic: crash "+mode+"\n") {
			t.Errorf("%s: want the process to end with the panic (exit status 2), got %v:\n%s", mode, err, out)
		}
	}
}

func TestShiftCount(t *testing.T) {
	if got := ShiftCount(3); got != 3 {
		t.Errorf("ShiftCount(3) = %d", got)
	}
	defer func() {
		err, ok := recover().(runtime.Error)
		if !ok || err.Error() != "runtime error: negative shift amount" {
			t.Errorf("ShiftCount(-1) panicked with %v, want the runtime error of a negative shift", err)
		}
	}()
	ShiftCount(-1)
	t.Error("ShiftCount(-1) did not panic")
}

func TestGuardErrAndGuardResult(t *testing.T) {
	tr := &fakeTracker{}
	withTracker(t, tr)
	errFail := errors.New("failed")
	if err := GuardErr(func() error { return errFail })(); err != errFail {
		t.Errorf("GuardErr returned %v, want f's error", err)
	}
	v, err := GuardResult(func() (any, error) { return 42, errFail })()
	if v != 42 || err != errFail {
		t.Errorf("GuardResult returned %v, %v, want f's results", v, err)
	}
	// A panic is reported to Exit, and the results are zero.
	var wg sync.WaitGroup
	var gotErr error
	var gotV any
	wg.Go(func() { gotErr = GuardErr(func() error { panic("task boom") })() })
	wg.Go(func() { gotV, _ = GuardResult(func() (any, error) { panic("call boom") })() })
	wg.Wait()
	n, ev, ps := tr.snapshot()
	if n != 4 || strings.Count(ev, "exit") != 4 || gotErr != nil || gotV != nil {
		t.Fatalf("spawns=%d events=%q err=%v v=%v", n, ev, gotErr, gotV)
	}
	var got []string
	for _, p := range ps[2:] {
		got = append(got, fmt.Sprint(p))
	}
	if slices.Sort(got); strings.Join(got, ",") != "call boom,task boom" {
		t.Errorf("panics reported %v", ps)
	}
}
