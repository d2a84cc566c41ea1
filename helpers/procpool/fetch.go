package procpool

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)

// fetchClient is the HTTP client of a worker's fetch tasks: one per
// process, so a worker reuses its connection from one task to the next.
var fetchClient = &http.Client{Transport: &http.Transport{
	Proxy:               nil, // loopback only: never through a proxy
	MaxIdleConnsPerHost: 4,
	IdleConnTimeout:     30 * time.Second,
}}

// defaultFetchTimeout bounds a fetch task whose args give no timeout.
const defaultFetchTimeout = 10 * time.Second

func init() {
	tasks["fetch"] = fetchTask
}

// fetchTask GETs args.url, which must be a loopback http URL, within
// args.timeout_ms (default 10 s), and returns workload.Fetch's result
// (Fetch refuses other URLs):
// {"url":U,"status":S,"bytes":B,"body":...,"latency_ms":L}.
func fetchTask(raw json.RawMessage) (any, error) {
	var a struct {
		URL       string  `json:"url"`
		TimeoutMS float64 `json:"timeout_ms"`
	}
	if err := decodeArgs(raw, &a); err != nil {
		return nil, err
	}
	if a.URL == "" {
		return nil, errors.New("url is required")
	}
	timeout := defaultFetchTimeout
	if a.TimeoutMS > 0 {
		timeout = time.Duration(a.TimeoutMS * float64(time.Millisecond))
	}
	r := workload.Fetch(fetchClient, a.URL, timeout)
	if r.Error != "" {
		return nil, errors.New(r.Error)
	}
	return r, nil
}
