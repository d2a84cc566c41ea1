package engine

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fatalCase is a cell that Go's runtime would end with a fatal error.
type fatalCase struct {
	name  string
	cell  string
	value string   // the Error's Value, Go's message after "fatal error: "
	lines []string // traceback lines that must appear
}

func TestFatalErrorsEndTheCellNotTheSession(t *testing.T) {
	cases := []fatalCase{
		{"send with no receiver", "ch := make(chan int)\nch <- 1", "all goroutines are asleep - deadlock!",
			[]string{"fatal error: all goroutines are asleep - deadlock!", "goroutine [chan send] at cell line 2:"}},
		{"receive in the cell, goroutines blocked on a mutex and a WaitGroup", `func() {
var mu sync.Mutex
var wg sync.WaitGroup
wg.Add(1)
mu.Lock()
go func() {
	mu.Lock()
}()
go func() {
	wg.Wait()
}()
ch := make(chan int)
<-ch
}()`, "all goroutines are asleep - deadlock!",
			[]string{"goroutine [sync.Mutex.Lock] at cell line 7:", "goroutine [sync.WaitGroup.Wait] at cell line 10:", "goroutine [chan receive] at cell line 13:"}},
		{"select in goroutines, WaitGroup in the cell", `func() {
var wg sync.WaitGroup
a, b := make(chan int), make(chan int)
for i := 0; i < 2; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-a:
		case b <- 1:
		}
	}()
}
wg.Wait()
}()`, "all goroutines are asleep - deadlock!", []string{"goroutine [select] at cell line 8:", "goroutine [sync.WaitGroup.Wait] at cell line 14:"}},
		{"recursion in the cell", "func down(n int) int { return down(n+1) + 1 }\ndown(0)", "stack overflow",
			[]string{"runtime: goroutine stack exceeds the kernel's limit", "fatal error: stack overflow", "at cell line 1"}},
		{"recursion in a goroutine", "func deeper(n int) int { return deeper(n+1) + 1 }\nfunc() {\n\tdone := make(chan bool)\n\tgo func() { deeper(0); done <- true }()\n\t<-done\n}()",
			"stack overflow", []string{"fatal error: stack overflow", "in a goroutine started by this cell"}},
		{"recover does not stop it", "func rec(n int) int { return rec(n+1) }\nfunc safe() (err any) { defer func() { err = recover() }(); rec(0); return nil }\nsafe()",
			"stack overflow", []string{"fatal error: stack overflow"}},
		{"concurrent map writes", `func() {
m := map[int]int{}
var wg sync.WaitGroup
for g := 0; g < 4; g++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 200000; i++ {
			m[i%64] = i
		}
	}()
}
wg.Wait()
}()`, "concurrent map writes", []string{"fatal error: concurrent map writes", "at cell line 9", "(in a goroutine started by this cell)"}},
		{"concurrent map read and write", `func() {
cm := map[int]int{}
var wg sync.WaitGroup
wg.Add(2)
go func() {
	defer wg.Done()
	for i := 0; i < 200000; i++ {
		cm[i%64] = i
	}
}()
go func() {
	defer wg.Done()
	s := 0
	for i := 0; i < 200000; i++ {
		s += cm[i%64]
	}
	_ = s
}()
wg.Wait()
}()`, "concurrent map read and map write", []string{"fatal error: concurrent map read and map write", "at cell line 15"}},
		{"unlock of unlocked mutex", "var m0 sync.Mutex\nm0.Unlock()", "sync: unlock of unlocked mutex", []string{"fatal error: sync: unlock of unlocked mutex", "at cell line 2"}},
		{"RUnlock of unlocked RWMutex", "var rw sync.RWMutex\nfunc readers() { rw.RUnlock() }\nreaders()", "sync: RUnlock of unlocked RWMutex", []string{"fatal error: sync: RUnlock of unlocked RWMutex", "at cell line 2"}},
		{"a make larger than memory", "b := make([]byte, 1<<40)\n_ = b", "runtime: out of memory",
			[]string{"cannot allocate 1099511627776-byte block", "debug.SetMemoryLimit", "at cell line 1"}},
		// Goroutines of the cells above blocked for good (a WaitGroup.Wait
		// whose goroutines were stopped) do not hide a new deadlock.
		{"a deadlock after the faults above", "late := make(chan int)\n<-late", "all goroutines are asleep - deadlock!",
			[]string{"goroutine [chan receive] at cell line 2:"}},
	}
	e := newEngine(t, Options{})
	if _, _, err := run(t, e, `import "sync"`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, _, err := run(t, e, tc.cell)
			var ee *Error
			if !errors.As(err, &ee) {
				t.Fatalf("err = %v, want a fatal error", err)
			}
			if ee.Name != "fatal error" || ee.Value != tc.value {
				t.Fatalf("error %q: %q, want fatal error: %q\n%s", ee.Name, ee.Value, tc.value, strings.Join(ee.Traceback, "\n"))
			}
			tb := strings.Join(ee.Traceback, "\n")
			for _, l := range tc.lines {
				if !strings.Contains(tb, l) {
					t.Errorf("traceback lacks %q:\n%s", l, tb)
				}
			}
			// Go reports one fatal error: the cell's other goroutines add none.
			time.Sleep(100 * time.Millisecond)
			r.mu.Lock()
			if len(r.errors) > 0 {
				t.Errorf("%d more error output(s) after the cell: %v", len(r.errors), r.errors[0])
			}
			r.mu.Unlock()
			// The session goes on with its state.
			if _, b, err := run(t, e, "x := 41", "x + 1"); err != nil || b == nil || b["text/plain"] != "42" {
				t.Fatalf("next cells: %v %v", b, err)
			}
		})
	}
}

func TestNotADeadlock(t *testing.T) {
	cases := []struct{ name, cell, out string }{
		{"sleeping goroutine sends later", "ch := make(chan int)\ngo func() { time.Sleep(1500 * time.Millisecond); ch <- 7 }()\nfmt.Println(<-ch)", "7\n"},
		{"time.After", "select {\ncase <-time.After(1500 * time.Millisecond):\n\tfmt.Println(\"timeout\")\n}", "timeout\n"},
		{"a timer", "t := time.NewTimer(1500 * time.Millisecond)\n<-t.C\nfmt.Println(\"fired\")", "fired\n"},
		{"a context deadline", "ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)\n<-ctx.Done()\nfmt.Println(ctx.Err())\ncancel()", "context deadline exceeded\n"},
		{"a busy goroutine unlocks later", "var mu sync.Mutex\nmu.Lock()\ngo func() { s := 0; for i := 0; i < 30_000_000; i++ { s += i }; _ = s; mu.Unlock() }()\nmu.Lock()\nfmt.Println(\"locked\")", "locked\n"},
	}
	e := newEngine(t, Options{})
	if _, _, err := run(t, e, `import ("context"; "fmt"; "sync"; "time")`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, _, err := run(t, e, tc.cell)
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if got := r.text("stdout"); got != tc.out {
				t.Errorf("stdout %q, want %q", got, tc.out)
			}
		})
	}
}

// TestHeapGrowthPastTheLimit: a cell whose heap grows, in small steps,
// past the memory limit a cell set ends with Go's out-of-memory error, and
// the kernel's memory comes back once the cell's values are unreachable.
func TestHeapGrowthPastTheLimit(t *testing.T) {
	e := newEngine(t, Options{})
	if _, _, err := run(t, e, "import \"runtime/debug\"\nold := debug.SetMemoryLimit(-1)"); err != nil {
		t.Fatal(err)
	}
	_, _, err := run(t, e, `func grow() int {
	var keep [][]byte
	for i := 0; i < 8_000; i++ { // 512 MiB at most
		keep = append(keep, make([]byte, 64<<10))
	}
	return len(keep)
}
debug.SetMemoryLimit(256 << 20)
grow()`)
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "fatal error" || ee.Value != "runtime: out of memory" {
		t.Fatalf("err = %v, want fatal error: runtime: out of memory", err)
	}
	if _, b, err := run(t, e, "debug.SetMemoryLimit(old)", "1 + 1"); err != nil || b["text/plain"] != "2" {
		t.Fatalf("next cells: %v %v", b, err)
	}
}
