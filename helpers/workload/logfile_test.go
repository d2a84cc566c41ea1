package workload

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// lineChunks splits the file into about parts byte ranges that start and
// end on line boundaries.
func lineChunks(t *testing.T, data []byte, parts int) []ByteRange {
	t.Helper()
	var out []ByteRange
	lo := int64(0)
	for k := 1; k <= parts && lo < int64(len(data)); k++ {
		hi := int64(len(data)) * int64(k) / int64(parts)
		if hi <= lo {
			continue
		}
		if k < parts {
			i := bytes.IndexByte(data[hi-1:], '\n')
			if i < 0 {
				hi = int64(len(data))
			} else {
				hi += int64(i)
			}
		}
		out = append(out, ByteRange{lo, hi})
		lo = hi
	}
	return out
}

func TestWriteLogFileMatchesLogLines(t *testing.T) {
	dir := t.TempDir()
	for _, seed := range []uint64{0, 1, 42} {
		for _, n := range []int{0, 1, 3000} {
			path := filepath.Join(dir, "log")
			lf, err := WriteLogFile(path, seed, n)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if n > 0 {
				want = strings.Join(LogLines(seed, n), "\n") + "\n"
			}
			if string(data) != want {
				t.Fatalf("seed %d, %d lines: file differs from LogLines", seed, n)
			}
			if lf.Lines != n || lf.Bytes != int64(len(data)) || lf.Seed != seed || lf.Path != path {
				t.Errorf("LogFile = %+v, want %d lines and %d bytes", lf, n, len(data))
			}
		}
	}
}

// summarizeEntries is the reference: the summary computed from the
// parsed entries.
func summarizeEntries(entries []LogEntry) LogSummary {
	s := LogSummary{Requests: map[int]int64{}, Bytes: map[int]int64{}, Paths: map[string]int64{}, Latency: make([]int64, LatencyBuckets)}
	for _, e := range entries {
		s.Lines++
		s.Requests[e.Status]++
		s.Bytes[e.Status] += int64(e.Bytes)
		s.Paths[e.Path]++
		ms := int(e.Latency / time.Millisecond)
		if ms >= LatencyBuckets {
			ms = LatencyBuckets - 1
		}
		s.Latency[ms]++
	}
	return s
}

func TestSummarizeChunksMergeToTheWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	const n = 20000
	if _, err := WriteLogFile(path, 7, n); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := summarizeEntries(GenerateLogs(7, n))
	whole, err := SummarizeRange(context.Background(), path, ByteRange{0, int64(len(data))})
	if err != nil {
		t.Fatal(err)
	}
	if !whole.Equal(want) {
		t.Fatalf("summary of the whole file differs from the entries'")
	}
	for _, parts := range []int{1, 2, 7, 64} {
		var merged LogSummary
		chunks := lineChunks(t, data, parts)
		// Merge in reverse order: the reduce must not depend on it.
		for i := len(chunks) - 1; i >= 0; i-- {
			s, err := SummarizeRange(context.Background(), path, chunks[i])
			if err != nil {
				t.Fatal(err)
			}
			merged.Merge(s)
		}
		if !merged.Equal(want) {
			t.Errorf("%d chunks: merged summary differs from the whole", parts)
		}
	}
	if merged := (LogSummary{}); !merged.Equal(LogSummary{}) {
		t.Error("zero summaries differ")
	}
}

func TestSummaryQueries(t *testing.T) {
	s := LogSummary{
		Lines:    4,
		Requests: map[int]int64{200: 3, 500: 1},
		Bytes:    map[int]int64{200: 30, 500: 5},
		Paths:    map[string]int64{"/b": 2, "/a": 2, "/c": 1},
		Latency:  make([]int64, LatencyBuckets),
	}
	s.Latency[1], s.Latency[2], s.Latency[10] = 2, 1, 1
	if got := s.Percentile(0.5); got != time.Millisecond {
		t.Errorf("p50 = %v, want 1ms", got)
	}
	if got := s.Percentile(0.75); got != 2*time.Millisecond {
		t.Errorf("p75 = %v, want 2ms", got)
	}
	if got := s.Percentile(0.99); got != 10*time.Millisecond {
		t.Errorf("p99 = %v, want 10ms", got)
	}
	if got := (LogSummary{}).Percentile(0.5); got != 0 {
		t.Errorf("empty p50 = %v", got)
	}
	top := s.TopPaths(2)
	if len(top) != 2 || top[0] != (PathCount{"/a", 2}) || top[1] != (PathCount{"/b", 2}) {
		t.Errorf("TopPaths(2) = %v", top)
	}
	if len(s.TopPaths(-1)) != 3 {
		t.Errorf("TopPaths(-1) = %v, want all three", s.TopPaths(-1))
	}
	st := s.ByStatus()
	if len(st) != 2 || st[0] != (StatusCount{200, 3, 30}) || st[1] != (StatusCount{500, 1, 5}) {
		t.Errorf("ByStatus = %v", st)
	}
	if str := s.String(); !strings.Contains(str, "4 requests") || !strings.Contains(str, "p99 10ms") {
		t.Errorf("String = %q", str)
	}
	other := s
	other.Paths = map[string]int64{"/b": 2, "/a": 2, "/d": 1}
	if s.Equal(other) {
		t.Error("summaries with different paths are equal")
	}
}

func TestSummarizeRangeErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "log")
	if _, err := WriteLogFile(path, 1, 100); err != nil {
		t.Fatal(err)
	}
	if _, err := SummarizeRange(context.Background(), path, ByteRange{5, 50}); !errors.Is(err, errNotLineStart) {
		t.Errorf("misaligned chunk: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := SummarizeRange(ctx, path, ByteRange{0, 100}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	bad := filepath.Join(dir, "bad")
	if err := os.WriteFile(bad, []byte(LogLines(1, 1)[0]+"\nnot a log line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := SummarizeRange(context.Background(), bad, ByteRange{0, 200}); err == nil || !strings.Contains(err.Error(), "offset") {
		t.Errorf("bad line: err = %v", err)
	}
	if _, err := SummarizeRange(context.Background(), filepath.Join(dir, "missing"), ByteRange{0, 10}); err == nil {
		t.Error("missing file: no error")
	}
}

func TestParseMillis(t *testing.T) {
	for in, want := range map[string]int{"0s": 0, "2ms": 2, "999ms": 999, "1.5s": 1500, "2s": 2000} {
		if got, ok := parseMillis([]byte(in)); !ok || got != want {
			t.Errorf("parseMillis(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "ms", "x", "-3ms"} {
		if _, ok := parseMillis([]byte(in)); ok {
			t.Errorf("parseMillis(%q) accepted", in)
		}
	}
}

func TestTempLogPathRemovesOnlyDeadProcessesFiles(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	// A process that has ended: its pid is free (until reused).
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("cannot run true:", err)
	}
	dead := filepath.Join(os.TempDir(), tempLogPrefix+strconv.Itoa(cmd.Process.Pid)+"-access.log")
	mine := filepath.Join(os.TempDir(), tempLogPrefix+strconv.Itoa(os.Getpid())+"-other.log")
	other := filepath.Join(os.TempDir(), "unrelated.log")
	for _, p := range []string{dead, mine, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path, removed, err := TempLogPath("access.log")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(os.TempDir(), tempLogPrefix+strconv.Itoa(os.Getpid())+"-access.log"); path != want {
		t.Errorf("path = %s, want %s", path, want)
	}
	if len(removed) != 1 || removed[0] != dead {
		t.Errorf("removed %v, want [%s]", removed, dead)
	}
	for _, p := range []string{mine, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
	if _, _, err := TempLogPath("a/b"); err == nil {
		t.Error("a name with a slash was accepted")
	}
}

func BenchmarkWriteLogFile(b *testing.B) {
	path := filepath.Join(b.TempDir(), "log")
	for b.Loop() {
		lf, err := WriteLogFile(path, 1, 100_000)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(lf.Bytes)
	}
}

func BenchmarkSummarizeRange(b *testing.B) {
	path := filepath.Join(b.TempDir(), "log")
	lf, err := WriteLogFile(path, 1, 100_000)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(lf.Bytes)
	for b.Loop() {
		if _, err := SummarizeRange(context.Background(), path, ByteRange{0, lf.Bytes}); err != nil {
			b.Fatal(err)
		}
	}
}
