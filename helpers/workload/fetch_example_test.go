package workload_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)

// Fetch makes one GET request to a local service and reports its status,
// body and latency; PageLinks lists the links of a page of the service's
// site, as a crawler follows them.
func ExampleFetch() {
	s, err := workload.StartService(workload.ServiceConfig{Latency: 2 * time.Millisecond, Pages: 4, Seed: 1})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()

	r := workload.Fetch(client, s.URL()+"/work?id=12", 0)
	fmt.Print(r.Status, " ", r.Body)
	fmt.Println("at least the service's latency:", r.Latency() >= 2*time.Millisecond)

	page := workload.Fetch(client, s.URL()+"/page/0", 0)
	for _, link := range workload.PageLinks(page.URL, page.Body) {
		fmt.Println(strings.TrimPrefix(link, s.URL()))
	}
	fmt.Println(workload.CheckLoopback("http://example.com/"))
	// Output:
	// 200 {"id":12,"result":144}
	// at least the service's latency: true
	// /page/1
	// /page/2
	// /page/3
	// workload: "http://example.com/": only loopback addresses (127.0.0.1, ::1) are fetched
}
