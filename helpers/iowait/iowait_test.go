//go:build linux

package iowait

import (
	"errors"
	"io"
	"net"
	"sort"
	"testing"
	"time"
)

func TestReadProcStatus(t *testing.T) {
	s := ReadProcStatus()
	if s.Threads < 1 || s.RSS <= 0 || s.VmSize < s.RSS || s.FDs < 3 || s.Goroutines < 1 || s.Sys == 0 {
		t.Fatalf("implausible status: %+v", s)
	}
	if StackLimit() == 0 || FDLimit() < 3 || ThreadID() <= 0 {
		t.Fatalf("limits: stack %d, fds %d, tid %d", StackLimit(), FDLimit(), ThreadID())
	}
}

func TestBlockInSyscallsHoldsAThreadEach(t *testing.T) {
	const n = 40
	b, err := BlockInSyscalls(n)
	if err != nil {
		t.Fatal(err)
	}
	rose := b.During.Threads - b.Before.Threads
	after := b.Release()
	if rose < n/2 {
		t.Errorf("threads rose by %d with %d goroutines blocked in read(2), want at least %d", rose, n, n/2)
	}
	if after.Threads > b.Before.Threads+n/4 {
		t.Errorf("threads: %d before, %d after Release", b.Before.Threads, after.Threads)
	}
	if after.FDs > b.Before.FDs+2 {
		t.Errorf("fds: %d before, %d after Release", b.Before.FDs, after.FDs)
	}
	if b.PerTask().Threads < 0.5 {
		t.Errorf("PerTask().Threads = %v", b.PerTask().Threads)
	}
	if again := b.Release(); again != after {
		t.Errorf("second Release returned %+v, want %+v", again, after)
	}
	if _, err := BlockInSyscalls(0); err == nil {
		t.Error("BlockInSyscalls(0) did not fail")
	}
}

func TestParkReadersUsesFewThreads(t *testing.T) {
	const pairs = 500
	b, err := ParkReaders(pairs)
	if err != nil {
		t.Fatal(err)
	}
	during := b.During
	after := b.Release()
	if b.N != 2*pairs {
		t.Errorf("N = %d, want %d", b.N, 2*pairs)
	}
	if g := during.Goroutines - b.Before.Goroutines; g < 2*pairs {
		t.Errorf("goroutines rose by %d, want at least %d", g, 2*pairs)
	}
	if fds := during.FDs - b.Before.FDs; fds < 2*pairs {
		t.Errorf("fds rose by %d, want at least %d", fds, 2*pairs)
	}
	if th := during.Threads - b.Before.Threads; th > pairs/4 {
		t.Errorf("threads rose by %d for %d goroutines in conn.Read", th, 2*pairs)
	}
	if after.Goroutines > b.Before.Goroutines+2 || after.FDs > b.Before.FDs+2 {
		t.Errorf("not cleaned up: before %+v, after %+v", b.Before, after)
	}
}

func TestPollerEcho(t *testing.T) {
	p, err := NewPoller()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	lfd, addr, err := ListenFD()
	if err != nil {
		t.Fatal(err)
	}
	defer CloseFD(lfd)
	if _, err := AcceptFD(lfd); !errors.Is(err, ErrWouldBlock) {
		t.Fatalf("AcceptFD with nothing pending: %v, want ErrWouldBlock", err)
	}
	if err := p.Watch(lfd); err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ready, err := p.Wait(5 * time.Second)
	if err != nil || len(ready) != 1 || ready[0] != lfd {
		t.Fatalf("Wait: %v, %v; want [%d]", ready, err, lfd)
	}
	fd, err := AcceptFD(lfd)
	if err != nil {
		t.Fatal(err)
	}
	defer CloseFD(fd)
	buf := make([]byte, 8)
	if _, err := ReadFD(fd, buf); !errors.Is(err, ErrWouldBlock) {
		t.Fatalf("ReadFD with nothing sent: %v, want ErrWouldBlock", err)
	}
	p.Watch(fd)
	c.Write([]byte("ping"))
	ready, _ = p.Wait(5 * time.Second)
	if len(ready) != 1 || ready[0] != fd {
		t.Fatalf("Wait after a write: %v, want [%d]", ready, fd)
	}
	n, err := ReadFD(fd, buf)
	if err != nil || string(buf[:n]) != "ping" {
		t.Fatalf("ReadFD: %q, %v", buf[:n], err)
	}
	WriteFD(fd, buf[:n])
	got := make([]byte, 4)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, got); err != nil || string(got) != "ping" {
		t.Fatalf("echo: %q, %v", got, err)
	}
	c.Close()
	ready, _ = p.Wait(5 * time.Second)
	if len(ready) != 1 {
		t.Fatalf("Wait after close: %v", ready)
	}
	if _, err := ReadFD(fd, buf); err != io.EOF {
		t.Fatalf("ReadFD after close: %v, want io.EOF", err)
	}
	p.Unwatch(fd)
}

func TestPollerWakeAndTimeout(t *testing.T) {
	p, err := NewPoller()
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if ready, err := p.Wait(0); err != nil || len(ready) != 0 {
		t.Fatalf("Wait(0) on nothing: %v, %v", ready, err)
	}
	done := make(chan []int)
	go func() {
		ready, _ := p.Wait(MaxWait)
		done <- ready
	}()
	p.Wake()
	if ready := <-done; len(ready) != 0 {
		t.Fatalf("Wait after Wake returned %v", ready)
	}
	// Several wake-ups before a Wait are one.
	p.Wake()
	p.Wake()
	p.Wait(0)
	if ready, _ := p.Wait(0); len(ready) != 0 {
		t.Fatalf("stale wake-up: %v", ready)
	}
	r, w, err := PipeFD()
	if err != nil {
		t.Fatal(err)
	}
	defer CloseFD(r)
	defer CloseFD(w)
	p.Watch(r)
	WriteFD(w, []byte("x"))
	ready, _ := p.Wait(5 * time.Second)
	sort.Ints(ready)
	if len(ready) != 1 || ready[0] != r {
		t.Fatalf("pipe: %v, want [%d]", ready, r)
	}
	p.Close()
	if err := p.Wake(); err == nil {
		t.Error("Wake on a closed poller did not fail")
	}
}

func BenchmarkPollerRoundTrip(b *testing.B) {
	p, _ := NewPoller()
	defer p.Close()
	r, w, _ := PipeFD()
	defer CloseFD(r)
	defer CloseFD(w)
	p.Watch(r)
	buf := make([]byte, 1)
	for i := 0; i < b.N; i++ {
		WriteFD(w, buf)
		p.Wait(time.Second)
		ReadFD(r, buf)
	}
}
