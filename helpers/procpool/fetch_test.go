package procpool_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)

func TestFetchTask(t *testing.T) {
	s, err := workload.StartService(workload.ServiceConfig{Latency: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := newPool(t, testConfig(3))

	var args []map[string]any
	for id := 0; id < 9; id++ {
		args = append(args, map[string]any{"url": fmt.Sprintf("%s/work?id=%d", s.URL(), id)})
	}
	res, err := p.Map("fetch", args)
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range res {
		m, ok := r.(map[string]any)
		if !ok {
			t.Fatalf("result %d is %T, want a JSON object", id, r)
		}
		body := fmt.Sprintf(`{"id":%d,"result":%d}`+"\n", id, id*id)
		if m["status"] != 200.0 || m["body"] != body || m["bytes"] != float64(len(body)) {
			t.Errorf("result %d = %v", id, m)
		}
		if lat, _ := m["latency_ms"].(float64); lat < 20 {
			t.Errorf("result %d: latency %v ms, want at least the service's 20", id, m["latency_ms"])
		}
	}
	// One task at a time per worker: never more than 3 requests in flight.
	if st := s.Stats(); st.Requests != 9 || st.MaxActive > 3 {
		t.Errorf("service saw %d requests, %d at most at once; want 9, at most 3", st.Requests, st.MaxActive)
	}

	// A status other than 200 is a result; a failed request is an error.
	v, err := p.Submit("fetch", map[string]any{"url": s.URL() + "/missing"}).Wait()
	if m, _ := v.(map[string]any); err != nil || m["status"] != 404.0 {
		t.Errorf("fetch /missing = %v, %v; want status 404", v, err)
	}
	_, err = p.Submit("fetch", map[string]any{"url": s.URL() + "/work?id=1&ms=3000", "timeout_ms": 30}).Wait()
	if err == nil || !strings.HasPrefix(err.Error(), "fetch: ") {
		t.Errorf("fetch past its timeout: err %v, want a fetch error", err)
	}
}

func TestFetchTaskRefuses(t *testing.T) {
	p := newPool(t, testConfig(1))
	for _, args := range []map[string]any{
		{"url": "http://192.0.2.1/work"},
		{"url": "https://127.0.0.1/"},
		{},
		{"url": "http://127.0.0.1:1/", "method": "POST"},
	} {
		if v, err := p.Submit("fetch", args).Wait(); err == nil {
			t.Errorf("fetch %v = %v, want an error", args, v)
		}
	}
	// Nothing listens on port 1: connection refused, an error.
	if _, err := p.Submit("fetch", map[string]any{"url": "http://127.0.0.1:1/"}).Wait(); err == nil {
		t.Error("fetch from a closed port: no error")
	}
}
