package workload

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A LogFile is a synthetic access log on disk, written by WriteLogFile.
type LogFile struct {
	Path  string `json:"path"`
	Seed  uint64 `json:"seed"`
	Lines int    `json:"lines"`
	Bytes int64  `json:"bytes"` // size of the file
}

// WriteLogFile writes GenerateLogs(seed, lines) to path, one entry per line
// in the format of LogEntry.String, each line ending in '\n': the same
// bytes as LogLines(seed, lines) joined with newlines, but streamed, so
// that a file of millions of lines needs no more memory than a buffer.
// An existing file is replaced.
func WriteLogFile(path string, seed uint64, lines int) (LogFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return LogFile{}, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	g := newLogGen(seed)
	var n int64
	line := make([]byte, 0, 128)
	for i := 0; i < lines; i++ {
		e := g.next()
		line = appendLogLine(line[:0], &e)
		line = append(line, '\n')
		m, err := w.Write(line)
		n += int64(m)
		if err != nil {
			f.Close()
			return LogFile{}, err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return LogFile{}, err
	}
	if err := f.Close(); err != nil {
		return LogFile{}, err
	}
	return LogFile{Path: path, Seed: seed, Lines: lines, Bytes: n}, nil
}

// logGen draws the entries of GenerateLogs one at a time.
type logGen struct {
	r rng
	t time.Time
}

func newLogGen(seed uint64) *logGen { return &logGen{r: rng{state: seed}, t: logStart} }

// next returns the next entry of the log.
func (g *logGen) next() LogEntry {
	r := &g.r
	g.t = g.t.Add(time.Duration(r.intn(200)) * time.Millisecond)
	e := LogEntry{Time: g.t, Client: clientIPs[r.intn(64)], Method: "GET", Status: 200}
	switch u := r.float(); {
	case u < 0.10:
		e.Method, e.Path = "POST", "/cart"
	case u < 0.15:
		e.Method, e.Path = "POST", "/checkout"
	case u < 0.25:
		e.Path = "/"
	case u < 0.35:
		e.Path = "/products"
	default:
		id := int(100 * math.Pow(r.float(), 3))
		e.Path = productPaths[id]
		if id >= 90 {
			e.Status = 404
		}
	}
	latency := 2 + int(-math.Log(1-r.float())*15)
	switch u := r.float(); {
	case u < 0.01:
		e.Status, latency = 500, latency+300
	case u < 0.06 && e.Status == 200 && e.Method == "GET":
		e.Status = 304
	}
	e.Latency = time.Duration(latency) * time.Millisecond
	e.Bytes = responseSize(e, r)
	return e
}

// productPaths and clientIPs are the strings the generator would
// otherwise format for every entry.
var clientIPs = func() []string {
	c := make([]string, 64)
	for i := range c {
		c[i] = clientIP(i)
	}
	return c
}()

var productPaths = func() []string {
	p := make([]string, 100)
	for i := range p {
		p[i] = "/products/" + strconv.Itoa(i)
	}
	return p
}()

// appendLogLine appends e as a line of the log (LogEntry.String) to b.
func appendLogLine(b []byte, e *LogEntry) []byte {
	b = e.Time.UTC().AppendFormat(b, logTimeLayout)
	b = append(b, ' ')
	b = append(b, e.Client...)
	b = append(b, ' ')
	b = append(b, e.Method...)
	b = append(b, ' ')
	b = append(b, e.Path...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(e.Status), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(e.Bytes), 10)
	b = append(b, ' ')
	return append(b, e.Latency.String()...)
}

// A ByteRange is the half-open range of byte offsets [Lo, Hi) of a file:
// one chunk of a log for a map step.
type ByteRange struct {
	Lo int64 `json:"lo"`
	Hi int64 `json:"hi"`
}

// Len returns Hi - Lo.
func (r ByteRange) Len() int64 { return r.Hi - r.Lo }

// String returns "[Lo, Hi)".
func (r ByteRange) String() string { return fmt.Sprintf("[%d, %d)", r.Lo, r.Hi) }

// LatencyBuckets is the number of one-millisecond buckets of
// LogSummary.Latency; the last one also counts every longer latency.
const LatencyBuckets = 2048

// A LogSummary is what the map step of the course's log analysis
// computes for one chunk of a log, and the reduce step for the whole log:
// counts that add up, so that summaries of chunks Merge into the summary
// of the file whatever the order.
type LogSummary struct {
	Lines int64 `json:"lines"` // requests (lines) summarised
	// Requests and Bytes count requests and response bytes by status.
	Requests map[int]int64 `json:"requests"`
	Bytes    map[int]int64 `json:"bytes"`
	// Paths counts requests by path.
	Paths map[string]int64 `json:"paths"`
	// Latency is a histogram of latencies: Latency[i] requests took i
	// milliseconds (the last bucket: LatencyBuckets-1 or more). It is nil
	// until a request is counted.
	Latency []int64 `json:"latency,omitempty"`
}

// PathCount is a path and its number of requests.
type PathCount struct {
	Path     string `json:"path"`
	Requests int64  `json:"requests"`
}

// StatusCount is a status code with its requests and response bytes.
type StatusCount struct {
	Status   int   `json:"status"`
	Requests int64 `json:"requests"`
	Bytes    int64 `json:"bytes"`
}

// Merge adds the counts of o to s: the reduce step. The zero LogSummary is
// ready to merge into.
func (s *LogSummary) Merge(o LogSummary) {
	s.Lines += o.Lines
	s.Requests = addCounts(s.Requests, o.Requests)
	s.Bytes = addCounts(s.Bytes, o.Bytes)
	if len(o.Paths) > 0 && s.Paths == nil {
		s.Paths = make(map[string]int64, len(o.Paths))
	}
	for k, v := range o.Paths {
		s.Paths[k] += v
	}
	if o.Latency != nil {
		if s.Latency == nil {
			s.Latency = make([]int64, LatencyBuckets)
		}
		for i, v := range o.Latency {
			s.Latency[i] += v
		}
	}
}

func addCounts(dst, src map[int]int64) map[int]int64 {
	if len(src) > 0 && dst == nil {
		dst = make(map[int]int64, len(src))
	}
	for k, v := range src {
		dst[k] += v
	}
	return dst
}

// Equal reports whether s and o hold the same counts.
func (s LogSummary) Equal(o LogSummary) bool {
	if s.Lines != o.Lines || !sameCounts(s.Requests, o.Requests) || !sameCounts(s.Bytes, o.Bytes) ||
		len(s.Paths) != len(o.Paths) || len(s.Latency) != len(o.Latency) {
		return false
	}
	for k, v := range s.Paths {
		if w, ok := o.Paths[k]; !ok || w != v {
			return false
		}
	}
	for i, v := range s.Latency {
		if o.Latency[i] != v {
			return false
		}
	}
	return true
}

func sameCounts(a, b map[int]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Percentile returns the latency below or at which a fraction p (0 < p ≤ 1)
// of the requests completed, to the millisecond: Percentile(0.99) is the
// p99 latency. It is 0 for an empty summary.
func (s LogSummary) Percentile(p float64) time.Duration {
	var total int64
	for _, v := range s.Latency {
		total += v
	}
	if total == 0 {
		return 0
	}
	rank := int64(math.Ceil(p * float64(total)))
	if rank < 1 {
		rank = 1
	}
	var seen int64
	for i, v := range s.Latency {
		seen += v
		if seen >= rank {
			return time.Duration(i) * time.Millisecond
		}
	}
	return time.Duration(len(s.Latency)-1) * time.Millisecond
}

// TopPaths returns the k paths with the most requests, most first (ties
// in path order).
func (s LogSummary) TopPaths(k int) []PathCount {
	out := make([]PathCount, 0, len(s.Paths))
	for p, n := range s.Paths {
		out = append(out, PathCount{p, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Requests != out[j].Requests {
			return out[i].Requests > out[j].Requests
		}
		return out[i].Path < out[j].Path
	})
	if k >= 0 && k < len(out) {
		out = out[:k]
	}
	return out
}

// ByStatus returns the requests and bytes of each status, by status code.
func (s LogSummary) ByStatus() []StatusCount {
	out := make([]StatusCount, 0, len(s.Requests))
	for st, n := range s.Requests {
		out = append(out, StatusCount{st, n, s.Bytes[st]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Status < out[j].Status })
	return out
}

// String formats the summary as a short report: requests and bytes by
// status, p50 and p99 latency and the top five paths.
func (s LogSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d requests\n", s.Lines)
	for _, c := range s.ByStatus() {
		fmt.Fprintf(&b, "  status %d: %10d requests %14d bytes\n", c.Status, c.Requests, c.Bytes)
	}
	fmt.Fprintf(&b, "latency p50 %v, p99 %v\n", s.Percentile(0.5), s.Percentile(0.99))
	b.WriteString("top paths:")
	for _, p := range s.TopPaths(5) {
		fmt.Fprintf(&b, " %s (%d)", p.Path, p.Requests)
	}
	b.WriteString("\n")
	return b.String()
}

// errNotLineStart reports a chunk that does not start at a line.
var errNotLineStart = errors.New("does not start at the beginning of a line")

// SummarizeRange is the map step of the course's log analysis: it reads
// the lines of the log file at path that lie in the byte range r and
// summarises them. r.Lo must be 0 or just after a '\n', and r.Hi just after
// a '\n' or the end of the file, so that chunks that tile the file count
// every line once. It stops with an error wrapping ctx.Err() when ctx is
// done (it checks every few thousand lines), and with an error naming the
// offset on a line it cannot parse.
func SummarizeRange(ctx context.Context, path string, r ByteRange) (LogSummary, error) {
	f, err := os.Open(path)
	if err != nil {
		return LogSummary{}, err
	}
	defer f.Close()
	if r.Lo > 0 {
		var prev [1]byte
		if _, err := f.ReadAt(prev[:], r.Lo-1); err != nil {
			return LogSummary{}, fmt.Errorf("summarize %s %v: %w", path, r, err)
		}
		if prev[0] != '\n' {
			return LogSummary{}, fmt.Errorf("summarize %s: chunk %v %w", path, r, errNotLineStart)
		}
	}
	s := LogSummary{
		Requests: map[int]int64{},
		Bytes:    map[int]int64{},
		Paths:    map[string]int64{},
		Latency:  make([]int64, LatencyBuckets),
	}
	br := bufio.NewReaderSize(io.NewSectionReader(f, r.Lo, r.Len()), 256<<10)
	off := r.Lo
	for n := 0; ; n++ {
		if n&4095 == 0 && ctx.Err() != nil {
			return LogSummary{}, fmt.Errorf("summarize %s %v: %w", path, r, ctx.Err())
		}
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			if err := s.add(line); err != nil {
				return LogSummary{}, fmt.Errorf("summarize %s: line at offset %d: %w", path, off, err)
			}
			off += int64(len(line))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return LogSummary{}, fmt.Errorf("summarize %s %v: %w", path, r, err)
		}
	}
	return s, nil
}

// add counts one line ("time client method path status bytes latency").
func (s *LogSummary) add(line []byte) error {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	var f [7][]byte
	rest := line
	for i := 0; i < 6; i++ {
		sp := bytes.IndexByte(rest, ' ')
		if sp < 0 {
			return fmt.Errorf("%q: %d fields, want 7", line, i+1)
		}
		f[i], rest = rest[:sp], rest[sp+1:]
	}
	f[6] = rest
	if bytes.IndexByte(rest, ' ') >= 0 {
		return fmt.Errorf("%q: more than 7 fields", line)
	}
	status, ok := atoi(f[4])
	if !ok {
		return fmt.Errorf("%q: bad status", line)
	}
	size, ok := atoi(f[5])
	if !ok {
		return fmt.Errorf("%q: bad byte count", line)
	}
	ms, ok := parseMillis(f[6])
	if !ok {
		return fmt.Errorf("%q: bad latency", line)
	}
	s.Lines++
	s.Requests[status]++
	s.Bytes[status] += int64(size)
	if n, ok := s.Paths[string(f[3])]; ok { // no allocation for a known path
		s.Paths[string(f[3])] = n + 1
	} else {
		s.Paths[string(f[3])] = 1
	}
	if ms >= LatencyBuckets {
		ms = LatencyBuckets - 1
	}
	s.Latency[ms]++
	return nil
}

// atoi parses a non-negative decimal number.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseMillis parses a latency written by time.Duration.String, in whole
// milliseconds.
func parseMillis(b []byte) (int, bool) {
	if n, ok := atoi(bytes.TrimSuffix(b, []byte("ms"))); ok && len(b) > 2 && bytes.HasSuffix(b, []byte("ms")) {
		return n, true
	}
	d, err := time.ParseDuration(string(b))
	if err != nil || d < 0 {
		return 0, false
	}
	return int(d / time.Millisecond), true
}

// tempLogPrefix starts the names of the files TempLogPath returns.
const tempLogPrefix = "goconc-log-"

// TempLogPath returns a path under os.TempDir() for a log file called
// name, unique to the calling process ("goconc-log-PID-name"), so that
// notebooks running at the same time do not share a file. It also removes
// the files of that form left behind by processes that no longer run (a
// notebook stopped before its clean-up cell, say), and returns their paths.
// It creates nothing: write the file with WriteLogFile and remove it with
// os.Remove when done.
func TempLogPath(name string) (path string, removed []string, err error) {
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", nil, fmt.Errorf("temp log path: bad name %q", name)
	}
	dir := os.TempDir()
	old, err := filepath.Glob(filepath.Join(dir, tempLogPrefix+"*"))
	if err != nil {
		return "", nil, err
	}
	for _, p := range old {
		pidText, _, ok := strings.Cut(strings.TrimPrefix(filepath.Base(p), tempLogPrefix), "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		if os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return filepath.Join(dir, fmt.Sprintf("%s%d-%s", tempLogPrefix, os.Getpid(), name)), removed, nil
}

// processRuns reports whether a process with the given id exists. Where
// signals cannot tell, it says yes, so that no file in use is removed.
func processRuns(pid int) bool {
	if runtime.GOOS == "windows" {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission)
}
