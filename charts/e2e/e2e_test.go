package e2e

import (
	"slices"
	"testing"
)

func TestOffsite(t *testing.T) {
	local := []string{
		"http://127.0.0.1:8888/nb/kernelspecs/goconc/echarts.min.js",
		"ws://127.0.0.1:41234/api/kernels/x/channels?session_id=y",
		"http://localhost/x", "https://LOCALHOST:8443/", "http://[::1]:80/", "http://127.0.0.2/",
		"file:///tmp/html/99-chart-gallery.html", "data:,", "data:image/png;base64,iVBORw0KGgo…",
		"blob:http://127.0.0.1:1/abc", "about:blank",
	}
	offsite := []string{
		"https://cdn.jsdelivr.net/npm/echarts@5/dist/echarts.min.js",
		"http://example.com/", "wss://example.org/socket", "http://10.0.0.1/", "http://127.0.0.1.nip.io/",
		"ftp://127.0.0.1/", "chrome-extension://abc/x.js", "//cdn.example.com/x.js",
	}
	if got := Offsite(local); len(got) != 0 {
		t.Errorf("Offsite(local URLs) = %q, want none", got)
	}
	if got := Offsite(offsite); !slices.Equal(got, offsite) {
		t.Errorf("Offsite(offsite URLs) = %q, want all of %q", got, offsite)
	}
	r := Result{Requests: append([]string{"http://127.0.0.1/a"}, offsite[0])}
	if p := r.Problems(); len(p) != 1 || p[0] != "request left the machine: "+offsite[0] {
		t.Errorf("Problems() = %q, want the offsite request", p)
	}
}

func TestPaintString(t *testing.T) {
	p := &Paint{StartMs: 0, FirstPaintMs: 40, FirstContentfulPaintMs: 41, Charts: []ChartPaint{{"a", 120}, {"b", 150}}}
	want := "first paint 40 ms, first contentful paint 41 ms; 2 charts drawn at 120, 150 ms (first 120 ms, last 150 ms after the start)"
	if got := p.String(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	s := &Paint{StartMs: 1000, FirstPaintMs: 40, Charts: []ChartPaint{{"a", 1300}}}
	if got, want := s.String(), "1 charts drawn at 300 ms (first 300 ms, last 300 ms after the start)"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestOffsiteRecorded checks in the browser that a request to another
// host is recorded and reported. The host is 0.0.0.0, which is not a
// loopback address and so counts as offsite, yet never leaves the machine.
func TestOffsiteRecorded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser test")
	}
	r := New(t)
	srv := Serve(t, map[string][]byte{
		"/page.html": []byte(`<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>
<img src="http://0.0.0.0:9/offsite.png"><script>window.done = true;</script></body></html>`),
	})
	zero := 0
	res := r.Check(t, Page{Name: "offsite", URL: srv.URL + "/page.html", Until: "window.done === true", SettleMs: &zero})
	if len(res) != 1 {
		t.Fatalf("%d results", len(res))
	}
	found := false
	for _, p := range res[0].Problems() {
		found = found || p == "request left the machine: http://0.0.0.0:9/offsite.png"
	}
	if !found {
		t.Errorf("the offsite request was not reported: requests %q, problems %q", res[0].Requests, res[0].Problems())
	}
}
