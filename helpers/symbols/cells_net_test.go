package symbols_test

import "testing"

const netHeader = `import (
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/goconc/goconc/helpers/procpool"
	"github.com/goconc/goconc/helpers/workload"
)`

var netCells = []cellCase{
	{
		name: "fetch and page links",
		why:  "workload.Fetch, FetchResult fields and Latency, PageLinks and CheckLoopback from cells",
		cells: []string{`
s, err := workload.StartService(workload.ServiceConfig{Latency: 2 * time.Millisecond, Pages: 4, Seed: 1})
client := &http.Client{Timeout: 5 * time.Second}
fmt.Println(err)`, `
r := workload.Fetch(client, s.URL()+"/work?id=5", time.Second)
fmt.Print(r.Status, " ", r.Bytes, " ", r.Body)
fmt.Println(r.Latency() >= 2*time.Millisecond, r.LatencyMS > 0, r.Error == "")
page := workload.Fetch(nil, s.URL()+"/page/0", 0)
links := workload.PageLinks(page.URL, page.Body)
fmt.Println(len(links), links[0] == s.URL()+"/page/1")
fmt.Println(workload.CheckLoopback(s.URL()) == nil, workload.CheckLoopback("http://example.com/") != nil, workload.MaxFetchBody)
bad := workload.Fetch(client, "http://example.com/", 0)
fmt.Println(bad.Status, bad.Error != "")`, `
client.CloseIdleConnections()
fmt.Println(s.Close())`},
		want: "<nil>\n200 21 {\"id\":5,\"result\":25}\ntrue true true\n3 true\ntrue true 65536\n0 true\n<nil>\n",
	},
	{
		name: "fetch task in worker processes",
		why:  "the procpool fetch task against a service started in a cell; results as JSON objects",
		cells: []string{`
s, err := workload.StartService(workload.ServiceConfig{Latency: 5 * time.Millisecond})
p, err2 := procpool.New(procpool.Config{Workers: 2, Command: []string{os.Args[0]}, Env: []string{"GOCONC_PROCPOOL_WORKER=1"}, Timeout: 5 * time.Second})
fmt.Println(err, err2)`, `
args := []map[string]any{}
for id := 0; id < 4; id++ {
	args = append(args, map[string]any{"url": fmt.Sprintf("%s/work?id=%d", s.URL(), id)})
}
res, err := p.Map("fetch", args)
for _, r := range res {
	m := r.(map[string]any)
	fmt.Print(m["status"], " ", m["body"])
}
fmt.Println(err, s.Stats().Requests, s.Stats().MaxActive <= 2)`, `
fmt.Println(p.Close(), s.Close())`},
		want: "<nil> <nil>\n200 {\"id\":0,\"result\":0}\n200 {\"id\":1,\"result\":1}\n200 {\"id\":2,\"result\":4}\n200 {\"id\":3,\"result\":9}\n<nil> 4 true\n<nil> <nil>\n",
	},
}

func TestNetFromCells(t *testing.T) { runCells(t, netHeader, netCells) }
