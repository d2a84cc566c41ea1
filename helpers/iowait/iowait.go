//go:build linux

package iowait

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ProcStatus is a snapshot of what this process uses: OS threads, memory and
// file descriptors from /proc/self, and goroutines and stack memory from the
// Go runtime. Sizes are in bytes.
type ProcStatus struct {
	Threads    int    `json:"threads"`     // OS threads ("Threads:" in /proc/self/status)
	RSS        int64  `json:"rss"`         // resident memory ("VmRSS:")
	VmSize     int64  `json:"vm_size"`     // reserved address space ("VmSize:")
	FDs        int    `json:"fds"`         // open file descriptors (entries of /proc/self/fd)
	Goroutines int    `json:"goroutines"`  // runtime.NumGoroutine
	StackInuse uint64 `json:"stack_inuse"` // runtime.MemStats.StackInuse: goroutine stacks
	HeapInuse  uint64 `json:"heap_inuse"`  // runtime.MemStats.HeapInuse
	Sys        uint64 `json:"sys"`         // runtime.MemStats.Sys: all memory the Go runtime obtained
}

// ReadProcStatus returns the process's current ProcStatus. Fields it cannot
// read (on a system without /proc) are zero.
func ReadProcStatus() ProcStatus {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := ProcStatus{
		Goroutines: runtime.NumGoroutine(),
		StackInuse: ms.StackInuse,
		HeapInuse:  ms.HeapInuse,
		Sys:        ms.Sys,
	}
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			key, value, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			fields := strings.Fields(value)
			if len(fields) == 0 {
				continue
			}
			n, err := strconv.ParseInt(fields[0], 10, 64)
			if err != nil {
				continue
			}
			switch key {
			case "Threads":
				s.Threads = int(n)
			case "VmRSS":
				s.RSS = n * 1024
			case "VmSize":
				s.VmSize = n * 1024
			}
		}
	}
	if entries, err := os.ReadDir("/proc/self/fd"); err == nil {
		s.FDs = len(entries) - 1 // less the descriptor ReadDir itself had open
	}
	return s
}

// String returns the status on one line.
func (s ProcStatus) String() string {
	return fmt.Sprintf("threads %d · goroutines %d · fds %d · RSS %s · VmSize %s · stacks %s · Go Sys %s",
		s.Threads, s.Goroutines, s.FDs, formatBytes(float64(s.RSS)), formatBytes(float64(s.VmSize)),
		formatBytes(float64(s.StackInuse)), formatBytes(float64(s.Sys)))
}

// formatBytes writes a size with a binary unit.
func formatBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	neg := b < 0
	if neg {
		b = -b
	}
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	sign := ""
	if neg {
		sign = "-"
	}
	if i == 0 {
		return fmt.Sprintf("%s%.0f %s", sign, b, units[i])
	}
	return fmt.Sprintf("%s%.1f %s", sign, b, units[i])
}

// FormatBytes writes a size in bytes with a binary unit (B, KiB, MiB, ...),
// as in "7.9 MiB".
func FormatBytes(b float64) string { return formatBytes(b) }

// StackLimit returns the soft RLIMIT_STACK in bytes: the stack size that
// a thread created with default attributes (pthread_create, as C, Python and
// Java threads are) reserves. It returns -1 if the limit is unlimited or
// cannot be read.
func StackLimit() int64 {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_STACK, &rl); err != nil || rl.Cur == ^uint64(0) {
		return -1
	}
	return int64(rl.Cur)
}

// FDLimit returns the soft limit on open file descriptors (RLIMIT_NOFILE),
// which the Go runtime raises to the hard limit at start-up, or -1 if it
// cannot be read.
func FDLimit() int64 {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return -1
	}
	if rl.Cur == ^uint64(0) {
		return 1 << 30
	}
	return int64(rl.Cur)
}

// ThreadID returns the id of the OS thread running the calling goroutine
// (gettid). Without runtime.LockOSThread, a goroutine may move to another
// thread at any moment.
func ThreadID() int { return syscall.Gettid() }

// Footprint is what a batch of blocked tasks added, per task: the
// differences between Blocked.During and Blocked.Before divided by N.
type Footprint struct {
	Threads    float64 `json:"threads"`
	RSS        float64 `json:"rss"`
	VmSize     float64 `json:"vm_size"`
	FDs        float64 `json:"fds"`
	StackInuse float64 `json:"stack_inuse"`
	HeapInuse  float64 `json:"heap_inuse"`
	Sys        float64 `json:"sys"`
}

// Blocked is a batch of N goroutines blocked on purpose, started by
// BlockInSyscalls or ParkReaders, with the process's status before they
// started (Before) and once all of them were blocked (During). Release
// wakes them and waits for them to end.
type Blocked struct {
	Kind   string     `json:"kind"` // "read(2)" or "conn.Read"
	N      int        `json:"n"`    // blocked goroutines
	Before ProcStatus `json:"before"`
	During ProcStatus `json:"during"`

	release func()
	wg      sync.WaitGroup
	once    sync.Once
	after   ProcStatus
}

// PerTask returns what each blocked goroutine added, on average.
func (b *Blocked) PerTask() Footprint {
	n := float64(b.N)
	if n == 0 {
		return Footprint{}
	}
	d, o := b.During, b.Before
	return Footprint{
		Threads:    float64(d.Threads-o.Threads) / n,
		RSS:        float64(d.RSS-o.RSS) / n,
		VmSize:     float64(d.VmSize-o.VmSize) / n,
		FDs:        float64(d.FDs-o.FDs) / n,
		StackInuse: (float64(d.StackInuse) - float64(o.StackInuse)) / n,
		HeapInuse:  (float64(d.HeapInuse) - float64(o.HeapInuse)) / n,
		Sys:        (float64(d.Sys) - float64(o.Sys)) / n,
	}
}

// Release wakes every blocked goroutine, waits for all of them to end and
// returns the process's status afterwards, once the threads, goroutines and
// descriptors they used are gone (it waits at most a few seconds for the
// counts to settle). Calling it again returns the same status.
func (b *Blocked) Release() ProcStatus {
	b.once.Do(func() {
		if b.release != nil {
			b.release()
		}
		b.wg.Wait()
		b.after = settle(b.Before, 5*time.Second)
	})
	return b.after
}

// quietStatus collects garbage and returns freed memory to the OS before
// reading the status, so that resident memory reflects live data only.
func quietStatus() ProcStatus {
	debug.FreeOSMemory()
	return ReadProcStatus()
}

// settle waits, at most for limit, until threads and goroutines are back
// near base, and returns the status then.
func settle(base ProcStatus, limit time.Duration) ProcStatus {
	deadline := time.Now().Add(limit)
	for {
		s := quietStatus()
		if (s.Threads <= base.Threads+2 && s.Goroutines <= base.Goroutines+2) || time.Now().After(deadline) {
			return s
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// MaxBlocked bounds the n of BlockInSyscalls.
const MaxBlocked = 2000

// BlockInSyscalls starts n goroutines (1 ≤ n ≤ MaxBlocked) that each block
// in a raw read(2) on a pipe of their own, in blocking mode: the way
// a thread blocks in C or in Python. A goroutine in a blocking system call
// keeps its OS thread, so the Go runtime must start another thread for
// everything else: the process's thread count rises by about n.
//
// It returns once every goroutine has entered its read and the thread
// count has risen by n (or after a few seconds if it does not), with the
// status before and during. Release writes a byte into every pipe; each
// goroutine then returns locked to its thread, which makes the runtime end
// that thread, and closes its pipe.
func BlockInSyscalls(n int) (*Blocked, error) {
	if n < 1 || n > MaxBlocked {
		return nil, fmt.Errorf("sched: BlockInSyscalls(%d): n must be in 1..%d", n, MaxBlocked)
	}
	b := &Blocked{Kind: "read(2)", N: n}
	b.Before = quietStatus()
	pipes := make([][2]int, 0, n)
	closeAll := func() {
		for _, p := range pipes {
			syscall.Close(p[0])
			syscall.Close(p[1])
		}
	}
	for i := 0; i < n; i++ {
		var p [2]int
		if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
			closeAll()
			return nil, fmt.Errorf("sched: BlockInSyscalls: pipe %d: %w", i, err)
		}
		pipes = append(pipes, p)
	}
	entered := make(chan struct{}, n)
	for _, p := range pipes {
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			var buf [1]byte
			entered <- struct{}{}
			for {
				_, err := syscall.Read(p[0], buf[:]) // blocks this thread
				if err != syscall.EINTR {
					break
				}
			}
			// Returning while locked makes the runtime end this thread, so
			// the thread count goes back down after Release.
			runtime.LockOSThread()
		}()
	}
	for i := 0; i < n; i++ {
		<-entered
	}
	b.release = func() {
		for _, p := range pipes {
			syscall.Write(p[1], []byte{1})
		}
		b.wg.Wait()
		closeAll()
	}
	// Wait (bounded) until the reads have taken their threads.
	deadline := time.Now().Add(5 * time.Second)
	for {
		if s := ReadProcStatus(); s.Threads >= b.Before.Threads+n || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	b.During = quietStatus()
	return b, nil
}

// MaxParked bounds the pairs of ParkReaders.
const MaxParked = 20000

// ParkReaders opens the given number of TCP connections on 127.0.0.1 and
// starts one goroutine per end, 2×pairs in all, each blocked in conn.Read
// with a 16-byte buffer: a server's idle connections. The Go runtime's
// netpoller parks such goroutines without holding a thread, so the thread
// count should barely move.
//
// pairs must leave room under FDLimit (two descriptors per pair). It
// returns once every goroutine is about to read, with the status before
// and during; Release closes every connection, which ends the reads.
func ParkReaders(pairs int) (*Blocked, error) {
	if pairs < 1 || pairs > MaxParked {
		return nil, fmt.Errorf("sched: ParkReaders(%d): pairs must be in 1..%d", pairs, MaxParked)
	}
	if lim := FDLimit(); lim > 0 && int64(2*pairs+ReadProcStatus().FDs+16) > lim {
		return nil, fmt.Errorf("sched: ParkReaders(%d): needs %d file descriptors, the limit is %d", pairs, 2*pairs, lim)
	}
	b := &Blocked{Kind: "conn.Read", N: 2 * pairs}
	b.Before = quietStatus()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	defer ln.Close()
	conns := make([]net.Conn, 0, 2*pairs)
	closeAll := func() {
		for _, c := range conns {
			c.Close()
		}
	}
	for i := 0; i < pairs; i++ {
		client, err := net.DialTimeout("tcp", ln.Addr().String(), 5*time.Second)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("sched: ParkReaders: dial %d: %w", i, err)
		}
		ln.(*net.TCPListener).SetDeadline(time.Now().Add(5 * time.Second))
		server, err := ln.Accept()
		if err != nil {
			client.Close()
			closeAll()
			return nil, fmt.Errorf("sched: ParkReaders: accept %d: %w", i, err)
		}
		conns = append(conns, client, server)
	}
	var started sync.WaitGroup
	for _, c := range conns {
		b.wg.Add(1)
		started.Add(1)
		go func() {
			defer b.wg.Done()
			buf := make([]byte, 16)
			started.Done()
			for {
				if _, err := c.Read(buf); err != nil {
					return
				}
			}
		}()
	}
	started.Wait()
	time.Sleep(10 * time.Millisecond) // let the last ones reach their Read
	b.During = quietStatus()
	b.release = closeAll
	return b, nil
}

// ErrWouldBlock is returned by the descriptor functions when the operation
// would have to wait: nothing to read or accept yet, no room to write
// (EAGAIN on a non-blocking descriptor).
var ErrWouldBlock = errors.New("operation would block")

// wrap turns EAGAIN into ErrWouldBlock.
func wrap(op string, err error) error {
	if err == syscall.EAGAIN {
		return ErrWouldBlock
	}
	return &os.SyscallError{Syscall: op, Err: err}
}

// ListenFD opens a non-blocking TCP socket listening on 127.0.0.1 on a free
// port and returns its descriptor and address ("127.0.0.1:PORT"). Close it
// with CloseFD.
func ListenFD() (fd int, addr string, err error) {
	fd, err = syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, "", wrap("socket", err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		syscall.Close(fd)
		return -1, "", wrap("bind", err)
	}
	if err := syscall.Listen(fd, 128); err != nil {
		syscall.Close(fd)
		return -1, "", wrap("listen", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		syscall.Close(fd)
		return -1, "", wrap("getsockname", err)
	}
	return fd, fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port), nil
}

// AcceptFD accepts a connection on the listening descriptor lfd without
// waiting and returns the connection's descriptor, non-blocking; it
// returns ErrWouldBlock when no connection is pending.
func AcceptFD(lfd int) (int, error) {
	fd, err := ignoringEINTR("accept4", func() (int, error) {
		fd, _, err := syscall.Accept4(lfd, syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC)
		return fd, err
	})
	if err != nil {
		return -1, err
	}
	return fd, nil
}

// ReadFD reads from fd into buf without waiting: it returns ErrWouldBlock
// when a non-blocking descriptor has nothing to read yet, and io.EOF when
// the other end has closed.
func ReadFD(fd int, buf []byte) (int, error) {
	n, err := ignoringEINTR("read", func() (int, error) { return syscall.Read(fd, buf) })
	if err == nil && n == 0 && len(buf) > 0 {
		return 0, io.EOF
	}
	return n, err
}

// WriteFD writes p to fd and returns how much was written; on
// a non-blocking descriptor that may be less than len(p), or ErrWouldBlock
// if there is no room at all.
func WriteFD(fd int, p []byte) (int, error) {
	return ignoringEINTR("write", func() (int, error) { return syscall.Write(fd, p) })
}

// ignoringEINTR calls f until it is not interrupted by a signal, and wraps
// its error with op; a failed call counts 0.
func ignoringEINTR(op string, f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, wrap(op, err)
		}
		return n, nil
	}
}

// CloseFD closes a descriptor opened by ListenFD, AcceptFD or PipeFD.
func CloseFD(fd int) error {
	if err := syscall.Close(fd); err != nil {
		return wrap("close", err)
	}
	return nil
}

// PipeFD returns the read and write ends of a new pipe, both non-blocking.
func PipeFD() (r, w int, err error) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_NONBLOCK|syscall.O_CLOEXEC); err != nil {
		return -1, -1, wrap("pipe2", err)
	}
	return p[0], p[1], nil
}

// Poller waits for descriptors to become readable: a thin wrapper over
// Linux's epoll, the readiness API that event loops (and the Go runtime's
// own netpoller) are built on. Make one with NewPoller, register
// descriptors with Watch, ask which are ready with Wait, and Close it at
// the end. Wake, safe from any goroutine, makes a Wait in progress (or the
// next one) return at once: it writes to a pipe the poller watches itself
// (the "self-pipe trick").
type Poller struct {
	epfd         int
	wakeR, wakeW int
	mu           sync.Mutex
	closed       bool
	events       []syscall.EpollEvent
}

// NewPoller returns a Poller watching no descriptors.
func NewPoller() (*Poller, error) {
	epfd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return nil, wrap("epoll_create1", err)
	}
	r, w, err := PipeFD()
	if err != nil {
		syscall.Close(epfd)
		return nil, err
	}
	p := &Poller{epfd: epfd, wakeR: r, wakeW: w, events: make([]syscall.EpollEvent, 64)}
	if err := p.Watch(r); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Watch asks the poller to report fd when it is readable (for a listening
// socket: when a connection is pending; for a connection: data or EOF).
func (p *Poller) Watch(fd int) error {
	ev := syscall.EpollEvent{Events: syscall.EPOLLIN | syscall.EPOLLRDHUP, Fd: int32(fd)}
	if err := syscall.EpollCtl(p.epfd, syscall.EPOLL_CTL_ADD, fd, &ev); err != nil {
		return wrap("epoll_ctl", err)
	}
	return nil
}

// Unwatch stops watching fd. Do it before closing fd.
func (p *Poller) Unwatch(fd int) error {
	if err := syscall.EpollCtl(p.epfd, syscall.EPOLL_CTL_DEL, fd, nil); err != nil {
		return wrap("epoll_ctl", err)
	}
	return nil
}

// MaxWait bounds the timeout of Poller.Wait.
const MaxWait = 10 * time.Second

// Wait blocks until at least one watched descriptor is readable, Wake is
// called, or timeout passes (0 polls without waiting; a negative timeout or
// one above MaxWait waits MaxWait at most), and returns the readable
// descriptors, in no particular order (none after a timeout or a Wake).
// While it waits, the calling goroutine holds its OS thread in epoll_wait.
func (p *Poller) Wait(timeout time.Duration) ([]int, error) {
	if timeout < 0 || timeout > MaxWait {
		timeout = MaxWait
	}
	deadline := time.Now().Add(timeout)
	for {
		ms := int((time.Until(deadline) + time.Millisecond - 1) / time.Millisecond)
		if ms < 0 {
			ms = 0
		}
		n, err := syscall.EpollWait(p.epfd, p.events, ms)
		if err == syscall.EINTR {
			if time.Now().After(deadline) {
				return nil, nil
			}
			continue
		}
		if err != nil {
			return nil, wrap("epoll_wait", err)
		}
		var ready []int
		for _, ev := range p.events[:n] {
			fd := int(ev.Fd)
			if fd == p.wakeR {
				var buf [64]byte
				for {
					if _, err := ReadFD(fd, buf[:]); err != nil {
						break
					}
				}
				continue
			}
			ready = append(ready, fd)
		}
		return ready, nil
	}
}

// Wake makes the current or next Wait return. It may be called from any
// goroutine.
func (p *Poller) Wake() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("sched: Wake on a closed Poller")
	}
	if _, err := WriteFD(p.wakeW, []byte{1}); err != nil && err != ErrWouldBlock {
		return err // a full pipe already holds a wake-up
	}
	return nil
}

// Close releases the poller and its wake-up pipe (not the watched
// descriptors).
func (p *Poller) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	syscall.Close(p.wakeR)
	syscall.Close(p.wakeW)
	return CloseFD(p.epfd)
}
