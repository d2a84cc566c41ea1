package frontend

import (
	"strings"
	"testing"
)

// bench100 is a typical 100-line cell: imports, types, functions with
// goroutines, loops, closures, select, generics and top-level statements.
const bench100 = `import (
	"fmt"
	"sort"
	"sync"
	"time"
)

type Job struct {
	ID    int
	Input string
}

type Result struct {
	JobID  int
	Output string
	Took   time.Duration
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func worker(id int, jobs <-chan Job, results chan<- Result, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		start := time.Now()
		out := fmt.Sprintf("worker %d: %s", id, j.Input)
		results <- Result{JobID: j.ID, Output: out, Took: time.Since(start)}
	}
}

func run(n, workers int) []Result {
	jobs := make(chan Job, n)
	results := make(chan Result, n)
	var wg sync.WaitGroup
	for w := 1; w <= workers; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	for i := range n {
		jobs <- Job{ID: i, Input: fmt.Sprint("job-", i)}
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()
	var all []Result
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].JobID < all[j].JobID })
	return all
}

func fanIn(chans ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < len(chans); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range chans[i] {
				out <- v
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func timeout(d time.Duration, ch <-chan int) (int, bool) {
	select {
	case v := <-ch:
		return v, true
	case <-time.After(d):
		return 0, false
	}
}

results := run(10, 3)
ids := Map(results, func(r Result) int { return r.JobID })
fmt.Println(len(results), min(len(ids), 5), max(ids[0], 1))
var fs []func() int
for i := 0; i < 3; i++ {
	fs = append(fs, func() int { return i * 10 })
}
for _, f := range fs {
	fmt.Print(f(), " ")
}
fmt.Println()
merged := fanIn()
if v, ok := timeout(time.Millisecond, merged); ok {
	fmt.Println("got", v)
}
fmt.Println("done")
`

func TestBenchCellSize(t *testing.T) {
	if n := strings.Count(bench100, "\n"); n != 100 {
		t.Fatalf("bench cell has %d lines, want 100", n)
	}
	if _, err := Parse(bench100); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkParse100Lines measures Parse of a 100-line cell in a session
// (standard library types already imported, as after the first cell).
func BenchmarkParse100Lines(b *testing.B) {
	if _, err := Parse(bench100); err != nil { // warm the importer
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bench100); err != nil {
			b.Fatal(err)
		}
	}
}
