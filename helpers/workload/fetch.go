package workload

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// MaxFetchBody is the most of a response body that Fetch keeps in
// FetchResult.Body; Bytes still counts all of it.
const MaxFetchBody = 64 << 10

// FetchResult is what Fetch saw of one GET request.
type FetchResult struct {
	URL       string  `json:"url"`
	Status    int     `json:"status"`          // HTTP status code, 0 if the request failed
	Bytes     int     `json:"bytes"`           // length of the whole body
	Body      string  `json:"body"`            // the body, cut to MaxFetchBody bytes
	LatencyMS float64 `json:"latency_ms"`      // from sending the request to the end of the body, in milliseconds
	Error     string  `json:"error,omitempty"` // why the request failed, if it did
}

// Latency returns LatencyMS as a time.Duration, the one it was made from:
// rounded, not truncated, since milliseconds in a float64 seldom convert
// back to a whole number of nanoseconds.
func (r FetchResult) Latency() time.Duration {
	return time.Duration(math.Round(r.LatencyMS * float64(time.Millisecond)))
}

// CheckLoopback returns nil if rawURL is an http URL whose host is a
// loopback IP address (127.0.0.0/8 or ::1), and an error otherwise: the
// course keeps its network traffic on the local machine.
func CheckLoopback(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("workload: bad URL: %w", err)
	}
	if u.Scheme != "http" {
		return fmt.Errorf("workload: %q: only http URLs are fetched", rawURL)
	}
	ip := net.ParseIP(u.Hostname())
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("workload: %q: only loopback addresses (127.0.0.1, ::1) are fetched", rawURL)
	}
	return nil
}

// Fetch GETs rawURL, which must pass CheckLoopback, with client
// (http.DefaultClient if nil) and at most timeout for the whole request
// (no limit if timeout ≤ 0 and the client has none). It reads and closes
// the body, and reports the status, the body and the latency; a failed
// request has Status 0 and Error set.
func Fetch(client *http.Client, rawURL string, timeout time.Duration) FetchResult {
	res := FetchResult{URL: rawURL}
	if err := CheckLoopback(rawURL); err != nil {
		res.Error = err.Error()
		return res
	}
	if client == nil {
		client = http.DefaultClient
	}
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		res.LatencyMS = ms(time.Since(start))
		res.Error = err.Error()
		return res
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFetchBody))
	n := len(body)
	if err == nil {
		var rest int64
		rest, err = io.Copy(io.Discard, resp.Body)
		n += int(rest)
	}
	res.LatencyMS = ms(time.Since(start))
	res.Bytes = n
	res.Body = string(body)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	res.Status = resp.StatusCode
	return res
}

// ms converts d to milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// hrefs matches the href attributes of a page's links.
var hrefs = regexp.MustCompile(`href="([^"]*)"`)

// PageLinks returns the absolute URLs of the links in an HTML page body
// fetched from pageURL, in page order and without repeats; links that do
// not resolve against pageURL are skipped. It is the link extractor of
// the course's crawler, for the pages of a Service.
func PageLinks(pageURL, body string) []string {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, m := range hrefs.FindAllStringSubmatch(body, -1) {
		ref, err := url.Parse(m[1])
		if err != nil {
			continue
		}
		abs := base.ResolveReference(ref).String()
		if !seen[abs] {
			seen[abs] = true
			out = append(out, abs)
		}
	}
	return out
}
