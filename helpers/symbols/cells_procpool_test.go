package symbols_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/goconc/goconc/helpers/procpool"
)

// TestMain lets the test binary act as a procpool worker, for the cells
// below that start pools of it.
func TestMain(m *testing.M) {
	if os.Getenv("GOCONC_PROCPOOL_WORKER") == "1" {
		if err := procpool.Worker(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const procpoolHeader = `import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/goconc/goconc/helpers/procpool"
	"github.com/goconc/goconc/helpers/workload"
)`

var procpoolCells = []cellCase{
	{
		name: "factor",
		cells: []string{`
fmt.Println(workload.Factor(360), len(workload.FactorRange(2, 12, 3)), workload.FactorRange(2, 12, 3)[10-2])`},
		want: "[2 2 2 3 3 5] 10 [2 5]\n",
	},
	{
		name: "http service",
		why:  "a cell fetches from the service and reads the counters",
		cells: []string{`
s, err := workload.StartService(workload.ServiceConfig{Latency: 5 * time.Millisecond, Pages: 4, Seed: 2})
fmt.Println(err)`, `
resp, err := http.Get(s.URL() + "/work?id=3")
body, _ := io.ReadAll(resp.Body)
resp.Body.Close()
fmt.Print(resp.StatusCode, " ", string(body))
st := s.Stats()
fmt.Println(st.Requests, st.MaxActive, st.Paths["/work"], len(s.PageURLs()))
s.ResetStats()
fmt.Println(s.Stats().Requests, s.Close())`},
		want: "<nil>\n200 {\"id\":3,\"result\":9}\n1 1 1 4\n0 <nil>\n",
	},
	{
		name: "process pool",
		why:  "the test binary as worker; Map, Submit, AsCompleted, errors and Stats from a cell",
		cells: []string{`
p, err := procpool.New(procpool.Config{Workers: 2, Command: []string{os.Args[0]}, Env: []string{"GOCONC_PROCPOOL_WORKER=1"}, Timeout: 2 * time.Second})
fmt.Println(err, len(procpool.Tasks()))`, `
res, err := p.Map("primes", []map[string]any{{"lo": 0, "hi": 100}, {"lo": 0, "hi": 1000}})
fmt.Println(res, err)
fs := []*procpool.Future{p.Submit("sleep", map[string]any{"ms": 200}), p.Submit("factor", map[string]any{"n": 12})}
for f := range procpool.AsCompleted(fs) {
	fmt.Println(f.Task(), f.Worker() >= 0)
}
for _, f := range fs {
	fmt.Println(f.Wait())
}
_, err = p.Submit("fail", map[string]any{"message": "boom"}).Wait()
fmt.Println(err)
_, err = p.Submit("sleep", map[string]any{"ms": 100}).WaitTimeout(time.Millisecond)
fmt.Println(errors.Is(err, procpool.ErrWaitTimeout))
st := p.Stats()
fmt.Println(len(st.Workers), st.Submitted)`, `
p.Close()
_, err = p.Submit("pid", nil).Wait()
fmt.Println(errors.Is(err, procpool.ErrClosed))`},
		want: "<nil> 8\n[25 168] <nil>\nfactor true\nsleep true\n200 <nil>\n[2 2 3] <nil>\nfail: boom\ntrue\n2 6\ntrue\n",
	},
}

func TestProcpoolFromCells(t *testing.T) { runCells(t, procpoolHeader, procpoolCells) }
