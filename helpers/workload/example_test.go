package workload_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
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

// Factor returns the prime factors with multiplicity; FactorRange factors a
// range of numbers in parallel chunks.
func ExampleFactor() {
	fmt.Println(workload.Factor(360), workload.Factor(97), workload.Factor(1))
	fmt.Println(workload.Factor(600851475143))
	for k, fs := range workload.FactorRange(10, 14, 2) {
		fmt.Println(10+k, fs)
	}
	// Output:
	// [2 2 2 3 3 5] [97] []
	// [71 839 1471 6857]
	// 10 [2 5]
	// 11 [11]
	// 12 [2 2 3]
	// 13 [13]
}

// A local HTTP service with a chosen latency: /work answers after it, and
// Stats counts the requests and the most served at once.
func ExampleStartService() {
	s, err := workload.StartService(workload.ServiceConfig{Latency: 20 * time.Millisecond, Pages: 3, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	c := &http.Client{Timeout: 5 * time.Second}
	defer c.CloseIdleConnections()
	resp, err := c.Get(s.URL() + "/work?id=4")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Print(resp.StatusCode, " ", string(body))
	resp, err = c.Get(s.URL() + "/page/1")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(strings.Count(string(body), "<a href="), "links")
	st := s.Stats()
	fmt.Println(st.Requests, st.MaxActive, len(s.PageURLs()))
	// Output:
	// 200 {"id":4,"result":16}
	// 2 links
	// 2 1 3
}
