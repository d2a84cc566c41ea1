package workload_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)

func startService(t *testing.T, cfg workload.ServiceConfig) *workload.Service {
	t.Helper()
	s, err := workload.StartService(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func get(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestServiceWorkLatencyAndConcurrency(t *testing.T) {
	s := startService(t, workload.ServiceConfig{Latency: 30 * time.Millisecond, Jitter: 10 * time.Millisecond, Seed: 1})
	c := &http.Client{Timeout: 5 * time.Second}
	defer c.CloseIdleConnections()

	start := time.Now()
	code, body := get(t, c, s.URL()+"/work?id=7")
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("answered after %v, before the latency", d)
	}
	var got struct{ ID, Result int }
	if err := json.Unmarshal([]byte(body), &got); err != nil || code != 200 || got.ID != 7 || got.Result != 49 {
		t.Fatalf("GET /work?id=7: %d %q %v", code, body, err)
	}

	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			resp, err := c.Get(s.URL() + "/work?ms=100&id=" + string(rune('0'+i)))
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		})
	}
	wg.Wait()
	st := s.Stats()
	if st.Requests != 9 || st.Paths["/work"] != 9 || st.Active != 0 || st.MaxActive < 2 || st.MaxActive > 8 {
		t.Errorf("stats %+v: want 9 requests, none active, 2 to 8 at once", st)
	}
	s.ResetStats()
	if st := s.Stats(); st.Requests != 0 || st.MaxActive != 0 {
		t.Errorf("after reset: %+v", st)
	}
	if code, _ := get(t, c, s.URL()+"/work?id=x"); code != http.StatusBadRequest {
		t.Errorf("bad id: %d", code)
	}
	if code, _ := get(t, c, s.URL()+"/nothing"); code != http.StatusNotFound {
		t.Errorf("unknown path: %d", code)
	}
}

func TestServiceLimit(t *testing.T) {
	s := startService(t, workload.ServiceConfig{Limit: 2})
	c := &http.Client{Timeout: 5 * time.Second}
	defer c.CloseIdleConnections()
	codes := make([]int, 6)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Go(func() {
			resp, err := c.Get(s.URL() + "/work?ms=200")
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			codes[i] = resp.StatusCode
		})
	}
	wg.Wait()
	ok, rejected := 0, 0
	for _, c := range codes {
		switch c {
		case 200:
			ok++
		case http.StatusTooManyRequests:
			rejected++
		}
	}
	st := s.Stats()
	if ok < 1 || ok > 2 || ok+rejected != 6 || st.Rejected != rejected || st.MaxActive > 2 {
		t.Errorf("codes %v, stats %+v: want at most 2 served at once, the rest 429", codes, st)
	}
}

// A crawler that follows the links from /page/0 finds every page once.
func TestServiceCrawl(t *testing.T) {
	s := startService(t, workload.ServiceConfig{Pages: 25, Links: 4, Seed: 3, Latency: time.Millisecond})
	c := &http.Client{Timeout: 5 * time.Second}
	defer c.CloseIdleConnections()
	href := regexp.MustCompile(`href="([^"]+)"`)
	seen := map[string]bool{}
	todo := []string{s.URL() + "/page/0"}
	for len(todo) > 0 && len(seen) < 100 {
		u := todo[0]
		todo = todo[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		code, body := get(t, c, u)
		if code != 200 {
			t.Fatalf("GET %s: %d", u, code)
		}
		links := href.FindAllStringSubmatch(body, -1)
		if len(links) != 4 {
			t.Errorf("%s has %d links, want 4", u, len(links))
		}
		for _, m := range links {
			todo = append(todo, s.URL()+m[1])
		}
	}
	var found []string
	for u := range seen {
		found = append(found, u)
	}
	want := s.PageURLs()
	slices.Sort(found)
	slices.Sort(want)
	if !slices.Equal(found, want) {
		t.Errorf("crawled %v\nwant %v", found, want)
	}
	if st := s.Stats(); st.Requests != 25 {
		t.Errorf("%d requests, want 25", st.Requests)
	}
	if code, _ := get(t, c, s.URL()+"/page/25"); code != 404 {
		t.Errorf("/page/25: %d, want 404", code)
	}
	if _, root := get(t, c, s.URL()+"/"); root == "" {
		t.Errorf("/ is empty")
	}
}

// Close answers the waiting requests, and leaves no goroutine behind.
func TestServiceCloseNoLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	s, err := workload.StartService(workload.ServiceConfig{Latency: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Timeout: 5 * time.Second}
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			resp, err := c.Get(s.URL() + "/work")
			if err == nil {
				resp.Body.Close()
			}
			errs <- err
		}()
	}
	for deadline := time.Now().Add(2 * time.Second); s.Stats().Active < 3 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v", d)
	}
	for range 3 {
		<-errs
	}
	s.Close() // a second Close does nothing
	c.CloseIdleConnections()
	var n int
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if n = runtime.NumGoroutine(); n <= before {
			return
		}
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines before, %d after Close:\n%s", before, n, buf[:runtime.Stack(buf, true)])
}
