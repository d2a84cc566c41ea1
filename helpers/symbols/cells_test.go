package symbols_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/goconc/goconc/helpers/symbols"
)

// A cellCase is a notebook in miniature: cells evaluated in turn by one
// interpreter, as the kernel does, and the output they must print.
type cellCase struct {
	name  string
	why   string // what the case makes sure of
	cells []string
	want  string
}

// header is the first cell of every case.
const header = `import (
	"fmt"
	"time"

	"github.com/goconc/goconc/helpers/instrument"
)`

var instrumentCells = []cellCase{
	{
		name: "mutex counter",
		why:  "labelled goroutines started with an interpreted func(int), stats read back",
		cells: []string{`
mu := instrument.NewMutex("counter")
counter := 0
var g instrument.Group
g.GoN("worker", 3, func(i int) {
	for j := 0; j < 500; j++ {
		mu.Lock()
		counter++
		mu.Unlock()
	}
})
g.Wait()`, `
s := mu.Stats()
fmt.Println(counter, s.Name, s.Kind, s.Op("lock").Count, len(s.Labels), s.Labels[2].Label)`},
		want: "1500 counter Mutex 1500 3 worker-2\n",
	},
	{
		name: "zero-value mutex in a struct",
		why:  "an interpreted struct embedding a compiled Mutex, used through a pointer by goroutines",
		cells: []string{`
type Account struct {
	mu      instrument.Mutex
	balance int
}

func (a *Account) Deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
}`, `
acct := &Account{}
acct.mu.SetName("account")
done := make(chan bool)
for i := 0; i < 4; i++ {
	go func() {
		for j := 0; j < 100; j++ {
			acct.Deposit(1)
		}
		done <- true
	}()
}
for i := 0; i < 4; i++ {
	<-done
}`, `fmt.Println(acct.balance, acct.mu.Stats().Op("lock").Count, acct.mu.Name())`},
		want: "400 400 account\n",
	},
	{
		name: "zero-value mutex variable",
		why:  "var mu instrument.Mutex at a cell's top level, captured by interpreted goroutines",
		cells: []string{`var mu instrument.Mutex`, `
n := 0
done := make(chan bool)
for i := 0; i < 3; i++ {
	go func() {
		for j := 0; j < 200; j++ {
			mu.Lock()
			n++
			mu.Unlock()
		}
		done <- true
	}()
}
for i := 0; i < 3; i++ {
	<-done
}
fmt.Println(n, mu.Stats().Op("lock").Count, mu.TryLock())
mu.Unlock()`},
		want: "600 600 true\n",
	},
	{
		name: "rwmutex",
		cells: []string{`
rw := instrument.NewRWMutex("table")
var g instrument.Group
g.GoN("reader", 4, func(i int) { rw.RLock(); rw.RUnlock() })
g.Go("writer", func() { rw.Lock(); rw.Unlock() })
g.Wait()
fmt.Println(rw.Stats().Op("rlock").Count, rw.Stats().Op("lock").Count, rw.TryLock())
rw.Unlock()`},
		want: "4 1 true\n",
	},
	{
		name: "semaphore",
		cells: []string{`
sem := instrument.NewSemaphore("slots", 2)
sem.Acquire()
sem.AcquireN(1)
fmt.Println(sem.TryAcquire(1), sem.AcquireTimeout(1, time.Millisecond), sem.Available())
sem.ReleaseN(2)
fmt.Println(sem.Available(), sem.Stats().Op("acquire").Count, sem.Stats().Op("acquire").Failed)`},
		want: "false false 0\n2 2 2\n",
	},
	{
		name: "event and barrier",
		cells: []string{`
ev := instrument.NewEvent("go")
b := instrument.NewBarrier("all here", 3)
var g instrument.Group
g.GoN("runner", 3, func(i int) {
	ev.Wait()
	b.Wait()
})
ev.Set()
g.Wait()
fmt.Println(ev.IsSet(), ev.Stats().Op("wait").Count, b.Stats().Op("wait").Count)
ev.Clear()
fmt.Println(ev.WaitTimeout(time.Millisecond))`},
		want: "true 3 3\nfalse\n",
	},
	{
		name: "cond with an instrumented mutex as its Locker",
		cells: []string{`
mu := instrument.NewMutex("buf")
cond := instrument.NewCond("non-empty", mu)
var items []int
instrument.Go("producer", func() {
	for i := 1; i <= 3; i++ {
		mu.Lock()
		items = append(items, i)
		cond.Signal()
		mu.Unlock()
	}
})
sum := 0
for n := 0; n < 3; n++ {
	mu.Lock()
	for len(items) == 0 {
		cond.Wait()
	}
	sum += items[0]
	items = items[1:]
	mu.Unlock()
}
fmt.Println(sum)`},
		want: "6\n",
	},
	{
		name: "queues of interpreted values",
		why:  "items of an interpreted struct type go through any and come back by type assertion",
		cells: []string{`
type Job struct {
	Name string
	Cost int
}`, `
pq := instrument.NewQueue("jobs", instrument.Priority, 0)
pq.PutPriority(2, Job{"b", 20})
pq.PutPriority(1, Job{"a", 10})
// A multi-value := inside a block at a cell's top level is "undefined"
// in yaegi, so the loop lives in a function.
func() {
	for pq.Len() > 0 {
		v, _ := pq.Get()
		j := v.(Job)
		fmt.Println(j.Name, j.Cost)
	}
}()
st := instrument.NewQueue("stack", instrument.LIFO, 2)
fmt.Println(st.TryPut(1), st.TryPut(2), st.TryPut(3))
v, ok := st.GetTimeout(time.Millisecond)
fmt.Println(v, ok, st.Order(), st.Stats().MaxLen)
st.Close()
v, ok = st.Get()
fmt.Println(v, ok)
v, ok = st.Get()
fmt.Println(v, ok)`},
		want: "a 10\nb 20\ntrue true false\n2 true LIFO 2\n1 true\n<nil> false\n",
	},
	{
		name: "deadlock diagnosis",
		why:  "the two-trains deadlock of notebook 02, found and explained",
		cells: []string{`
a := instrument.NewMutex("A")
b := instrument.NewMutex("B")
both := instrument.NewBarrier("both", 2)
instrument.Go("east", func() { a.Lock(); both.Wait(); b.Lock() })
instrument.Go("west", func() { b.Lock(); both.Wait(); a.Lock() })
// Same cell: yaegi v0.16.1 races (under -race) when a goroutine a cell
// started is still starting as the next cell begins.
d, ok := instrument.DetectDeadlock(5 * time.Second)
fmt.Println(ok)
fmt.Println(d.String())
fmt.Println(len(d.Graph.Nodes), len(d.Graph.Edges), d.Cycle[0].WaitsFor)`},
		want: `true
deadlock: 2 goroutines wait for each other
  east holds "A" and waits to lock Mutex "B", held by west
  west holds "B" and waits to lock Mutex "A", held by east
4 4 B
`,
	},
	{
		name: "watch deadlocks with an interpreted callback",
		cells: []string{`
found := make(chan string, 1)
stop := instrument.WatchDeadlocks(10*time.Millisecond, func(d instrument.Deadlock) {
	found <- d.Cycle[0].Goroutine.Label
})
m := instrument.NewMutex("self")
instrument.Go("stubborn", func() { m.Lock(); m.Lock() })
fmt.Println(<-found)
stop()`},
		want: "stubborn\n",
	},
	{
		name: "lock order inversion",
		cells: []string{`
x, y := instrument.NewMutex("x"), instrument.NewMutex("y")
var g instrument.Group
g.Go("first", func() { x.Lock(); y.Lock(); y.Unlock(); x.Unlock() })
g.Wait()
g.Go("second", func() { y.Lock(); x.Lock(); x.Unlock(); y.Unlock() })
g.Wait()
for _, inv := range instrument.LockOrderInversions() {
	if inv.First == "x" {
		fmt.Println(inv.First, inv.Second, inv.Forward.Goroutines[0], inv.Backward.Goroutines[0])
	}
}`},
		want: "x y first second\n",
	},
	{
		name: "labels, trace and snapshot",
		cells: []string{`
instrument.SetLabel("cell")
fmt.Println(instrument.Label(), instrument.Current().Label)
m := instrument.NewMutex("traced")
tr := instrument.StartTrace(0)
m.Lock()
m.Unlock()
entries := tr.Stop()
fmt.Println(len(entries), entries[0].Op, entries[0].Goroutine.Label, tr.Dropped())
names := 0
for _, s := range instrument.Snapshot() {
	if s.Name == "traced" {
		names++
	}
}
blocked := 0
for _, b := range instrument.Blocked() {
	if b.WaitsFor == "traced" {
		blocked++
	}
}
fmt.Println(names > 0, blocked)
instrument.Reset()
fmt.Println(m.Stats().Op("lock").Count)
instrument.SetLabel("")`},
		want: "cell cell\n2 lock cell 0\ntrue 0\n0\n",
	},
}

func TestInstrumentFromCells(t *testing.T) { runCells(t, header, instrumentCells) }

// runCells evaluates each case in a fresh interpreter, cell by cell.
func runCells(t *testing.T, header string, cases []cellCase) {
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			var out bytes.Buffer
			i := interp.New(interp.Options{Stdout: &out, Stderr: &out})
			if err := i.Use(stdlib.Symbols); err != nil {
				t.Fatal(err)
			}
			if err := i.Use(symbols.Symbols); err != nil {
				t.Fatal(err)
			}
			for n, cell := range append([]string{header}, c.cells...) {
				if err := eval(i, cell); err != nil {
					t.Fatalf("cell %d: %v\noutput so far:\n%s\ncell:\n%s", n, err, out.String(), cell)
				}
			}
			if got := out.String(); got != c.want {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", c.why, got, c.want)
			}
		})
	}
}

// eval evaluates one cell, turning interpreter panics into errors.
func eval(i *interp.Interpreter, src string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	_, err = i.Eval(src)
	return err
}
