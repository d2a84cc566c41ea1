package workload

import (
	"math"
	"testing"
	"time"
)

func TestSplitCoversEvenly(t *testing.T) {
	for _, tt := range []struct{ n, parts, want int }{
		{10, 3, 3}, {3, 10, 3}, {0, 4, 1}, {7, 0, 1}, {1000, 7, 7},
	} {
		chunks := Split(tt.n, tt.parts)
		if len(chunks) != tt.want {
			t.Errorf("Split(%d, %d) has %d chunks, want %d", tt.n, tt.parts, len(chunks), tt.want)
		}
		next, shortest, longest := 0, tt.n, 0
		for _, c := range chunks {
			if c.Lo != next {
				t.Errorf("Split(%d, %d) = %v: gap or overlap", tt.n, tt.parts, chunks)
			}
			next = c.Hi
			shortest, longest = min(shortest, c.Len()), max(longest, c.Len())
		}
		if next != tt.n || longest-shortest > 1 {
			t.Errorf("Split(%d, %d) = %v: does not cover evenly", tt.n, tt.parts, chunks)
		}
	}
}

func TestIntegrateSquare(t *testing.T) {
	exact := SquareIntegral(0, 10)
	for _, workers := range []int{1, 2, 3, 8} {
		got := IntegrateSquareParallel(0, 10, 100_000, workers)
		if math.Abs(got-exact) > 1e-6 {
			t.Errorf("%d workers: %v, want %v", workers, got, exact)
		}
	}
	if IntegrateSquare(0, 10, 0) != 0 {
		t.Error("zero steps should integrate to 0")
	}
	if got := IntegrateSquare(-1, 1, 1000); math.Abs(got-2.0/3) > 1e-6 {
		t.Errorf("over [-1, 1]: %v", got)
	}
}

func TestCountPrimes(t *testing.T) {
	if n := CountPrimes(0, 1000); n != 168 {
		t.Errorf("primes below 1000: %d, want 168", n)
	}
	for _, workers := range []int{1, 3, 16} {
		if n := CountPrimesParallel(10, 10_000, workers); n != CountPrimes(10, 10_000) {
			t.Errorf("%d workers: %d", workers, n)
		}
	}
	if CountPrimes(-5, 3) != 1 || CountPrimesParallel(5, 2, 4) != 0 {
		t.Error("edge ranges")
	}
}

func TestSimulateIODependsOnID(t *testing.T) {
	seen := map[time.Duration]bool{}
	for id := range 5 {
		d := SimulateIO(id, time.Millisecond)
		if d < time.Millisecond/2 || d >= 3*time.Millisecond/2 {
			t.Errorf("id %d slept %v, want in [0.5ms, 1.5ms)", id, d)
		}
		seen[d] = true
	}
	if len(seen) < 2 {
		t.Error("latency does not vary with id")
	}
}

func TestLogsRoundTripAndShape(t *testing.T) {
	entries := GenerateLogs(42, 5000)
	statuses := map[int]int{}
	methods := map[string]int{}
	for i, e := range entries {
		back, err := ParseLog(e.String())
		if err != nil {
			t.Fatal(err)
		}
		if back != e {
			t.Fatalf("entry %d: %+v parsed back as %+v", i, e, back)
		}
		if i > 0 && e.Time.Before(entries[i-1].Time) {
			t.Fatalf("entry %d out of time order", i)
		}
		statuses[e.Status]++
		methods[e.Method]++
	}
	for _, s := range []int{200, 304, 404, 500} {
		if statuses[s] == 0 {
			t.Errorf("no %d responses in 5000: %v", s, statuses)
		}
	}
	if methods["POST"] == 0 || methods["GET"] < methods["POST"] {
		t.Errorf("methods %v", methods)
	}
	if a, b := LogLines(42, 10), LogLines(42, 10); a[9] != b[9] {
		t.Error("same seed, different logs")
	}
	if LogLines(1, 1)[0] == LogLines(2, 1)[0] {
		t.Error("different seeds, same log")
	}
	if _, err := ParseLog("not a log line"); err == nil {
		t.Error("ParseLog accepted garbage")
	}
}
