package workload

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LogEntry is one request in a synthetic web-server access log.
type LogEntry struct {
	Time    time.Time     `json:"time"`
	Client  string        `json:"client"` // IPv4 address
	Method  string        `json:"method"` // GET or POST
	Path    string        `json:"path"`
	Status  int           `json:"status"`
	Bytes   int           `json:"bytes"`
	Latency time.Duration `json:"latency"` // whole milliseconds
}

// logTimeLayout is the timestamp format of log lines.
const logTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// String formats e as one log line, fields separated by spaces:
//
//	2024-01-01T00:00:00.042Z 10.0.1.7 GET /products/17 200 5123 12ms
func (e LogEntry) String() string { return string(appendLogLine(nil, &e)) }

// ParseLog parses a line written by LogEntry.String.
func ParseLog(line string) (LogEntry, error) {
	f := strings.Fields(line)
	if len(f) != 7 {
		return LogEntry{}, fmt.Errorf("parse log line %q: %d fields, want 7", line, len(f))
	}
	var e LogEntry
	var err error
	if e.Time, err = time.Parse(logTimeLayout, f[0]); err != nil {
		return LogEntry{}, fmt.Errorf("parse log line %q: time: %w", line, err)
	}
	e.Client, e.Method, e.Path = f[1], f[2], f[3]
	if e.Status, err = strconv.Atoi(f[4]); err != nil {
		return LogEntry{}, fmt.Errorf("parse log line %q: status: %w", line, err)
	}
	if e.Bytes, err = strconv.Atoi(f[5]); err != nil {
		return LogEntry{}, fmt.Errorf("parse log line %q: bytes: %w", line, err)
	}
	if e.Latency, err = time.ParseDuration(f[6]); err != nil {
		return LogEntry{}, fmt.Errorf("parse log line %q: latency: %w", line, err)
	}
	return e, nil
}

// logStart is the time of the first generated entry.
var logStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// GenerateLogs returns n entries of a synthetic access log, the same for
// the same seed. Entries are in time order, a few milliseconds apart. The
// traffic has the shape of a small shop: 64 clients, mostly GETs of a few
// popular products (product ids are skewed towards 0), some POSTs to /cart
// and /checkout, 404s for products 90 and above, about 1% of 500s (slow
// ones), and latencies with a long tail.
func GenerateLogs(seed uint64, n int) []LogEntry {
	g := newLogGen(seed)
	out := make([]LogEntry, n)
	for i := range out {
		out[i] = g.next()
	}
	return out
}

// LogLines returns GenerateLogs(seed, n) formatted as lines.
func LogLines(seed uint64, n int) []string {
	entries := GenerateLogs(seed, n)
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.String()
	}
	return out
}

func clientIP(i int) string { return fmt.Sprintf("10.0.%d.%d", i/16, i%16+1) }

func responseSize(e LogEntry, r *rng) int {
	switch {
	case e.Status == 304:
		return 0
	case e.Status >= 400:
		return 120 + r.intn(40)
	case e.Method == "POST":
		return 200 + r.intn(300)
	case e.Path == "/products":
		return 20000 + r.intn(5000)
	}
	return 3000 + r.intn(4000)
}

// rng is a SplitMix64 generator: tiny, fast and the same on every
// platform and Go release.
type rng struct{ state uint64 }

func (r *rng) next() uint64 {
	r.state++
	return mix(r.state)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }
