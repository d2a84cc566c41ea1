package procpool_test

import (
	"fmt"
	"os"
	"time"

	"github.com/goconc/goconc/helpers/procpool"
	"github.com/goconc/goconc/helpers/workload"
)

// Worker processes call a local HTTP service with the fetch task; each
// result is a JSON object with the status, the body and the latency.
func Example_fetch() {
	s, err := workload.StartService(workload.ServiceConfig{Latency: 5 * time.Millisecond})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	p, err := procpool.New(procpool.Config{Workers: 2, Command: []string{os.Args[0]}, Env: []string{workerEnv + "=1"}})
	if err != nil {
		panic(err)
	}
	defer p.Close()

	res, err := p.Map("fetch", []map[string]any{
		{"url": s.URL() + "/work?id=3"},
		{"url": s.URL() + "/work?id=4", "timeout_ms": 2000},
	})
	for _, r := range res {
		m := r.(map[string]any)
		fmt.Print(m["status"], " ", m["body"])
	}
	fmt.Println(err, s.Stats().MaxActive <= 2)
	_, err = p.Submit("fetch", map[string]any{"url": "http://example.com/"}).Wait()
	fmt.Println(err)
	// Output:
	// 200 {"id":3,"result":9}
	// 200 {"id":4,"result":16}
	// <nil> true
	// fetch: workload: "http://example.com/": only loopback addresses (127.0.0.1, ::1) are fetched
}
