package workload_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)

func TestCheckLoopback(t *testing.T) {
	for _, u := range []string{"http://127.0.0.1:8080/x", "http://127.3.4.5/", "http://[::1]:99/page/0"} {
		if err := workload.CheckLoopback(u); err != nil {
			t.Errorf("CheckLoopback(%q) = %v, want nil", u, err)
		}
	}
	for _, u := range []string{"http://example.com/", "http://10.0.0.1/", "https://127.0.0.1/", "http://localhost:80/", "ftp://127.0.0.1/", "::nonsense"} {
		if err := workload.CheckLoopback(u); err == nil {
			t.Errorf("CheckLoopback(%q) = nil, want an error", u)
		}
	}
}

func TestFetch(t *testing.T) {
	s := startService(t, workload.ServiceConfig{Latency: 5 * time.Millisecond})
	client := &http.Client{Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()

	r := workload.Fetch(client, s.URL()+"/work?id=7", 0)
	if r.Status != 200 || r.Body != `{"id":7,"result":49}`+"\n" || r.Bytes != len(r.Body) || r.Error != "" {
		t.Errorf("Fetch /work?id=7 = %+v", r)
	}
	if r.Latency() < 5*time.Millisecond || r.LatencyMS != float64(r.Latency())/1e6 {
		t.Errorf("latency %v (%v ms), want at least the service's 5ms", r.Latency(), r.LatencyMS)
	}

	if r := workload.Fetch(nil, s.URL()+"/nowhere", 0); r.Status != 404 || r.Error != "" {
		t.Errorf("Fetch /nowhere = %+v, want status 404", r)
	}
	// The timeout ends a request the service answers too late.
	if r := workload.Fetch(client, s.URL()+"/work?id=1&ms=2000", 20*time.Millisecond); r.Status != 0 || r.Error == "" {
		t.Errorf("Fetch with a short timeout = %+v, want an error", r)
	}
	// Non-loopback URLs are refused before any traffic.
	before := s.Stats().Requests
	if r := workload.Fetch(client, "http://192.0.2.1/", 0); r.Status != 0 || !strings.Contains(r.Error, "loopback") {
		t.Errorf("Fetch of a non-loopback URL = %+v, want refused", r)
	}
	if after := s.Stats().Requests; after != before {
		t.Errorf("requests %d -> %d after a refused fetch", before, after)
	}
}

func TestFetchLongBody(t *testing.T) {
	big := strings.Repeat("x", workload.MaxFetchBody+100)
	srv := startRaw(t, big)
	r := workload.Fetch(nil, srv, 0)
	if r.Status != 200 || r.Bytes != len(big) || len(r.Body) != workload.MaxFetchBody {
		t.Errorf("long body: status %d, bytes %d, kept %d", r.Status, r.Bytes, len(r.Body))
	}
}

func TestPageLinks(t *testing.T) {
	s := startService(t, workload.ServiceConfig{Pages: 6, Links: 3, Seed: 4})
	// Every page's links, followed from /page/0, reach every page.
	seen := map[string]bool{}
	frontier := []string{s.URL() + "/page/0"}
	for steps := 0; len(frontier) > 0 && steps < 100; steps++ {
		u := frontier[0]
		frontier = frontier[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		r := workload.Fetch(nil, u, 5*time.Second)
		if r.Status != 200 {
			t.Fatalf("%s: %+v", u, r)
		}
		links := workload.PageLinks(u, r.Body)
		if len(links) == 0 || len(links) > 3 {
			t.Errorf("%s has %d links: %v", u, len(links), links)
		}
		frontier = append(frontier, links...)
	}
	var got []string
	for u := range seen {
		got = append(got, u)
	}
	slices.Sort(got)
	want := s.PageURLs()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("reached %v, want %v", got, want)
	}

	body := `<a href="/page/2">a</a> <a href="../x">b</a> <a href="/page/2">again</a> <a href="http://127.0.0.1:1/y">c</a>`
	links := workload.PageLinks("http://127.0.0.1:9/page/1", body)
	wantLinks := []string{"http://127.0.0.1:9/page/2", "http://127.0.0.1:9/x", "http://127.0.0.1:1/y"}
	if !slices.Equal(links, wantLinks) {
		t.Errorf("PageLinks = %v, want %v", links, wantLinks)
	}
	if links := workload.PageLinks("::bad", body); links != nil {
		t.Errorf("PageLinks with a bad base = %v, want nil", links)
	}
}

// startRaw serves body at / on 127.0.0.1 and returns the URL.
func startRaw(t *testing.T, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// TestLatencyRoundTrips checks that Latency gives back the duration that
// LatencyMS was computed from (truncating lost a nanosecond for 8.367553ms).
func TestLatencyRoundTrips(t *testing.T) {
	for d := time.Duration(0); d < 20*time.Second; d = d*3 + 7919 {
		for _, x := range []time.Duration{d, 8367553} {
			r := workload.FetchResult{LatencyMS: float64(x) / float64(time.Millisecond)}
			if got := r.Latency(); got != x {
				t.Fatalf("FetchResult{LatencyMS: %v}.Latency() = %d ns, want %d", r.LatencyMS, got, x)
			}
		}
	}
}
