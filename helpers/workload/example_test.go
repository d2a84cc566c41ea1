package workload_test

import (
	"fmt"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)

// The integral of x² over [0, 10] is 1000/3; the midpoint rule gets close,
// and splitting the steps over goroutines gives the same answer.
func ExampleIntegrateSquare() {
	seq := workload.IntegrateSquare(0, 10, 1_000_000)
	par := workload.IntegrateSquareParallel(0, 10, 1_000_000, 4)
	exact := workload.SquareIntegral(0, 10)
	fmt.Printf("sequential %.6f\nparallel   %.6f\nexact      %.6f\n", seq, par, exact)
	// Output:
	// sequential 333.333333
	// parallel   333.333333
	// exact      333.333333
}

// Split makes the chunks of the split–run–reassemble strategy.
func ExampleSplit() {
	fmt.Println(workload.Split(10, 3))
	// Output: [[0, 4) [4, 7) [7, 10)]
}

func ExampleCountPrimes() {
	fmt.Println(workload.CountPrimes(0, 100), workload.CountPrimesParallel(0, 100_000, 4))
	// Output: 25 9592
}

// Busy does a fixed amount of work; Spin works for a fixed time.
func ExampleBusy() {
	fmt.Println(workload.Busy(1000) == workload.Busy(1000))
	fmt.Println(workload.Spin(time.Millisecond) > 0)
	// Output:
	// true
	// true
}

// SimulateIO sleeps like a request with latency that varies by request id.
func ExampleSimulateIO() {
	d := workload.SimulateIO(7, 2*time.Millisecond)
	fmt.Println(d >= time.Millisecond && d < 3*time.Millisecond, d == workload.SimulateIO(7, 2*time.Millisecond))
	// Output: true true
}

// The same seed gives the same log.
func ExampleLogLines() {
	for _, line := range workload.LogLines(1, 3) {
		fmt.Println(line)
	}
	e, err := workload.ParseLog(workload.LogLines(1, 1)[0])
	fmt.Println(e.Method, e.Path, e.Status, err)
	// Output:
	// 2024-01-01T00:00:00.110Z 10.0.2.14 GET /products/5 200 4622 22ms
	// 2024-01-01T00:00:00.138Z 10.0.0.11 GET /products 200 20838 14ms
	// 2024-01-01T00:00:00.279Z 10.0.0.8 GET /products/0 200 4543 21ms
	// GET /products/5 200 <nil>
}
