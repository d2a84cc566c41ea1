package charts_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"

	helpersymbols "github.com/goconc/goconc/helpers/symbols"
	"github.com/goconc/goconc/kernel/display"
	"github.com/goconc/goconc/kernel/engine"
)

// cellOutput is an engine.Output that keeps what a cell printed.
type cellOutput struct {
	mu   sync.Mutex
	text strings.Builder
}

func (o *cellOutput) Stream(name, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.text.WriteString(text)
}

func (o *cellOutput) Display(display.Bundle, string, bool) {}
func (o *cellOutput) Clear(bool)                           {}
func (o *cellOutput) Error(e *engine.Error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.text.WriteString(e.Error())
}
func (o *cellOutput) Input(string, bool) (string, error) { return "", errors.New("no input") }

func (o *cellOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.text.String()
}

// fromCells are notebook cells that compute a helper's result and end with
// its chart; want are patterns the chart's text/plain must match (each
// line is matched with (?m), so ^ and $ are line ends).
var fromCells = []struct {
	name, cell string
	want       []string
}{
	{
		name: "sweep",
		cell: `
res, err := sched.Sweep(sched.SweepConfig{Workers: []int{1, 2}, Repeat: 1, Warmup: -1}, func(workers int) {
	workload.IntegrateSquareParallel(0, 10, 20000, workers)
})
if err != nil {
	panic(err)
}
charts.FromSweep("Integral", res)`,
		want: []string{`^Integral$`, `^GOMAXPROCS  workers  median`, `^ +\d+ +1 +\S+ +\S+ +\S+ +1\.00 +1\.00 +100\.0%$`,
			`^ +\d+ +2 +\S+`, `^GOMAXPROCS=\d+: Amdahl S\(n\) = 1/\(p \+ \(1-p\)/n\) with p = `},
	},
	{
		name: "sweep by time",
		cell: `charts.FromSweep("Integral", res).ByTime()`,
		want: []string{`^Integral$`, `^ +\d+ +2 +\S+`},
	},
	{
		name: "stats",
		cell: `
mu := instrument.NewMutex("counter")
jobs := instrument.NewQueue("jobs", instrument.FIFO, 2)
n := 0
var g instrument.Group
g.GoN("worker", 2, func(i int) {
	for j := 0; j < 100; j++ {
		mu.Lock()
		n++
		mu.Unlock()
	}
	jobs.Put(i)
})
g.Wait()
jobs.Get()
charts.FromStats("Who waits?", mu.Stats(), jobs.Stats())`,
		want: []string{`^primitive +acquisitions +contended +share`, `^counter +200 +\d+ +\d+\.\d%`,
			`^jobs: put +2 +`, `^jobs: get +1 +`},
	},
	{
		name: "stats by label",
		cell: `charts.FromStatsByLabel("By worker", mu.Stats())`,
		want: []string{`^worker-0 +100 +`, `^worker-1 +100 +`},
	},
	{
		name: "histogram",
		cell: `charts.FromHistogram("Lock waits", "counter", mu.Stats().Op("lock").Wait)`,
		want: []string{`^ *from +to +counter$`, `^counter: n=200, mean `},
	},
	{
		name: "waits",
		cell: `charts.FromWaits("Waits", mu.Stats(), jobs.Stats())`,
		want: []string{`^ *from +to +counter +jobs: put +jobs: get$`},
	},
	{
		name: "timeline",
		cell: `
lock := instrument.NewMutex("lock")
tl := sched.Record(func() {
	var g instrument.Group
	g.GoN("w", 2, func(i int) {
		for j := 0; j < 3; j++ {
			lock.Lock()
			workload.Spin(200 * time.Microsecond)
			lock.Unlock()
		}
	})
	g.Wait()
})
charts.FromTimeline("Two workers, one lock", tl)`,
		want: []string{`^lane +running +`, `^w-0 +\S+`, `^w-1 +\S+`, `^\d+ spans from \S+ to `},
	},
	{
		name: "coop",
		cell: `
coop := sched.NewCoop(sched.CoopOptions{})
coop.Spawn("fetch", func(t *sched.Task) { t.WaitIO("GET /", 3*time.Millisecond) })
coop.Spawn("tick", func(t *sched.Task) { t.Sleep(time.Millisecond); t.Yield() })
trace, err := coop.Run()
if err != nil {
	panic(err)
}
charts.FromCoop("Event loop", trace)`,
		want: []string{`^lane +running +waiting for I/O +ready +sleeping +total$`,
			`^fetch +2\.00ms +4\.00ms +6\.00ms$`, `^tick +3\.00ms +1\.00ms +1\.00ms +5\.00ms$`},
	},
	{
		name: "interleavings",
		cell: `
lost, err := sched.Interleavings(map[string]int{"counter": 0}, []sched.Thread{
	sched.IncrementThread("A", "counter"),
	sched.IncrementThread("B", "counter"),
}, sched.InterleaveOptions{})
if err != nil {
	panic(err)
}
charts.FromInterleavings("counter++ twice", lost)`,
		want: []string{`^ *1 +A: read → A: increment → A: write → B: read → B: increment → B: write +counter=2$`,
			`^ *2 +A: read → A: increment → B: read → A: write → B: increment → B: write +counter=1  ✗$`,
			`^counter=1: 18 of 20 schedules \(90\.0%\), wrong$`, `^counter=2: 2 of 20 schedules \(10\.0%\)$`},
	},
	{
		name: "wait-for graph",
		cell: `
table := instrument.NewMutex("table")
release := instrument.NewEvent("release")
var g2 instrument.Group
g2.Go("holder", func() { table.Lock(); release.Wait(); table.Unlock() })
for len(table.Stats().Holders) == 0 {
	time.Sleep(time.Millisecond)
}
g2.Go("waiter", func() { table.Lock(); table.Unlock() })
for len(table.Stats().Waiters) == 0 {
	time.Sleep(time.Millisecond)
}
graph := instrument.Graph()
release.Set()
g2.Wait()
charts.WaitForGraph("Who waits?", graph)`,
		want: []string{`^from +edge +to$`, `^waiter +waits to lock → +table \(Mutex\)$`,
			`^table \(Mutex\) +held by → +holder$`, `^holder +waits for → +release \(Event\)$`},
	},
	{
		name: "deadlock",
		cell: `
a, b := instrument.NewMutex("A"), instrument.NewMutex("B")
both := instrument.NewBarrier("both", 2)
var g3 instrument.Group
g3.Go("east", func() { a.Lock(); both.Wait(); b.Lock(); b.Unlock() }) // a is unlocked by the cell
g3.Go("west", func() { b.Lock(); both.Wait(); a.Lock(); a.Unlock(); b.Unlock() })
d, ok := instrument.DetectDeadlock(10 * time.Second)
if !ok {
	panic("no deadlock")
}
a.Unlock() // the cell breaks the deadlock: west gets A
g3.Wait()
charts.FromDeadlock("Opposite orders", d)`,
		want: []string{`^east +waits to lock → +B \(Mutex\)$`, `^B \(Mutex\) +held by → +west$`,
			`^west +waits to lock → +A \(Mutex\)$`, `^A \(Mutex\) +held by → +east$`,
			`^deadlock: 2 goroutines wait for each other$`},
	},
}

// TestFromInEngine runs the From functions in cells of the kernel's own
// engine, on results the helpers compute there, as a notebook does: each
// cell ends with the chart, which must come back as the cell's bundle.
func TestFromInEngine(t *testing.T) {
	e, err := engine.New(engine.Options{Symbols: []interp.Exports{helpersymbols.Symbols}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	header := `import (
	"time"

	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/helpers/instrument"
	"github.com/goconc/goconc/helpers/sched"
	"github.com/goconc/goconc/helpers/workload"
)`
	if _, err := e.Execute(ctx, header, &cellOutput{}); err != nil {
		t.Fatalf("imports: %v", err)
	}
	for _, c := range fromCells {
		t.Run(c.name, func(t *testing.T) {
			out := &cellOutput{}
			b, err := e.Execute(ctx, c.cell, out)
			if err != nil {
				t.Fatalf("cell: %v\n%s", err, out)
			}
			if b == nil {
				t.Fatalf("the cell has no value; output:\n%s", out)
			}
			html, _ := b["text/html"].(string)
			text, _ := b["text/plain"].(string)
			shown := "<script" // a chart, drawn by its script
			if c.name == "interleavings" {
				shown = "<table" // a plain table
			}
			if !strings.Contains(html, shown) || strings.Contains(html, "chart-error") {
				t.Errorf("text/html is not a chart: %.300s", html)
			}
			for _, w := range c.want {
				if !regexp.MustCompile("(?m)" + w).MatchString(text) {
					t.Errorf("text/plain lacks %s:\n%s", w, text)
				}
			}
			if t.Failed() || testing.Verbose() {
				t.Logf("text/plain:\n%s", text)
			}
		})
	}
}
