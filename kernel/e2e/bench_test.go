package e2e_test

// Benchmarks of the real kernel process. Run them with
//
//	go test ./kernel/e2e -run '^$' -bench . -benchtime 20x
//
// BenchmarkStartup and BenchmarkKernelRSS start a kernel per iteration;
// BenchmarkTrivialCell runs b.N cells in one kernel; BenchmarkJupyterClient
// runs testdata/bench_jupyter_client.py, which measures through
// jupyter_client, and reports its medians.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/kerneltest"
)

// BenchmarkStartup measures from starting the process to the first
// kernel_info_reply on shell. The shell port is polled every millisecond,
// finer than kerneltest.Dial's retry interval, so that the figure is the
// kernel's and not the client's.
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		b.StopTimer()
		connFile, info, err := kerneltest.WriteConnectionFile(dir)
		if err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(goconcBin, "kernel", "-f", connFile)
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		b.StartTimer()

		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		for {
			c, err := net.DialTimeout("tcp", info.Endpoint(info.ShellPort)[len("tcp://"):], time.Second)
			if err == nil {
				_ = c.Close()
				break
			}
			if ctx.Err() != nil {
				b.Fatalf("the kernel never listened: %v", err)
			}
			time.Sleep(time.Millisecond)
		}
		c, err := kerneltest.Dial(ctx, info)
		if err != nil {
			b.Fatal(err)
		}
		h, err := c.Request("shell", "kernel_info_request", nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.ReplyTo(ctx, "shell", h); err != nil {
			b.Fatal(err)
		}

		b.StopTimer()
		_, _ = c.Request("control", "shutdown_request", map[string]bool{"restart": false})
		waitOrKill(cmd)
		_ = c.Close()
		cancel()
		_ = os.Remove(connFile)
		b.StartTimer()
	}
}

// waitOrKill waits for a kernel asked to shut down, killing it after
// exitTimeout.
func waitOrKill(cmd *exec.Cmd) {
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(exitTimeout):
		_ = cmd.Process.Kill()
		<-done
	}
}

// BenchmarkTrivialCell measures the round trip of the cell "x := 1":
// execute_request to execute_reply and the idle status.
func BenchmarkTrivialCell(b *testing.B) {
	k := startKernel(b)
	k.exec(b, "x := 1").mustOK(b)
	ctx := ctxFor(b, 10*time.Minute)
	for b.Loop() {
		if _, _, err := k.c.Execute(ctx, "x := 1"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKernelRSS reports the resident memory of a kernel process
// right after start (once its IOPub delivers) and after a cell that uses
// goroutines, from /proc/PID/status. The time per op is that of starting
// a kernel with kerneltest, and is not the figure of interest.
func BenchmarkKernelRSS(b *testing.B) {
	var atStart, afterCell, n float64
	for b.Loop() {
		k := startKernel(b)
		rss, err := vmRSS(k.cmd.Process.Pid)
		if err != nil {
			b.Fatal(err)
		}
		atStart += float64(rss)
		k.exec(b, "import \"sync\"\nvar wg sync.WaitGroup\nfor i := 0; i < 100; i++ {\n\twg.Add(1)\n\tgo func() { defer wg.Done() }()\n}\nwg.Wait()").mustOK(b)
		rss, err = vmRSS(k.cmd.Process.Pid)
		if err != nil {
			b.Fatal(err)
		}
		afterCell += float64(rss)
		n++
		if err := k.stop(); err != nil {
			b.Error(err)
		}
	}
	b.ReportMetric(atStart/n/1024, "MiB-RSS-at-start")
	b.ReportMetric(afterCell/n/1024, "MiB-RSS-after-cell")
}

// vmRSS returns VmRSS of process pid in KiB.
func vmRSS(pid int) (int, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			return strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

// BenchmarkJupyterClient runs testdata/bench_jupyter_client.py once per
// iteration and reports its medians: startup (KernelManager.start_kernel
// to the first kernel_info_reply), ready (to the end of wait_for_ready,
// which adds jupyter_client's own IOPub waits) and the trivial cell's
// round trip.
func BenchmarkJupyterClient(b *testing.B) {
	requireTools(b, []string{"jupyter_client"})
	j := newJupyterEnv(b)
	var startup, ready, cell, n float64
	for b.Loop() {
		stdout, stderr, err := j.python(b, "bench_jupyter_client.py", "5", "200")
		if err != nil {
			b.Fatalf("bench_jupyter_client.py: %v\n%s%s", err, stdout, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		var r struct {
			StartupMS float64 `json:"startup_ms"`
			ReadyMS   float64 `json:"ready_ms"`
			CellMS    float64 `json:"cell_ms"`
		}
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
			b.Fatalf("decoding %q: %v", stdout, err)
		}
		for _, l := range lines[:len(lines)-1] {
			b.Log(l)
		}
		startup += r.StartupMS
		ready += r.ReadyMS
		cell += r.CellMS
		n++
	}
	b.ReportMetric(startup/n, "ms-startup-median")
	b.ReportMetric(ready/n, "ms-ready-median")
	b.ReportMetric(cell/n, "ms-cell-median")
	j.checkNoKernelsLeft(b)
}
