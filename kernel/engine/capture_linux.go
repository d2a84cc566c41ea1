package engine

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// fdCapture replaces file descriptors 1 and 2 with pipes and forwards what
// compiled code writes there to the running (or last) cell.
type fdCapture struct {
	origStdout, origStderr *os.File
	wg                     sync.WaitGroup
	writers                [2]*os.File

	readers [2]int       // read ends of the pipes, as raw descriptors
	busy    atomic.Int32 // forwarders holding bytes not yet delivered
}

func captureFD(e *Engine) (*fdCapture, error) {
	c := &fdCapture{}
	for i, fd := range []int{1, 2} {
		dup, err := syscall.Dup(fd)
		if err != nil {
			return nil, fmt.Errorf("dup fd %d: %w", fd, err)
		}
		orig := os.NewFile(uintptr(dup), fmt.Sprintf("original-fd-%d", fd))
		if fd == 1 {
			c.origStdout = orig
		} else {
			c.origStderr = orig
		}
		r, w, err := os.Pipe()
		if err != nil {
			return nil, fmt.Errorf("pipe: %w", err)
		}
		if err := syscall.Dup3(int(w.Fd()), fd, 0); err != nil {
			return nil, fmt.Errorf("redirect fd %d: %w", fd, err)
		}
		c.writers[i] = w
		c.readers[i] = int(r.Fd())
		stream := "stdout"
		if fd == 2 {
			stream = "stderr"
		}
		c.wg.Add(1)
		go c.forward(e, r, stream)
	}
	// A fatal error of the Go runtime must still reach the real stderr.
	if err := debug.SetCrashOutput(c.origStderr, debug.CrashOptions{}); err != nil {
		fmt.Fprintf(c.origStderr, "goconc: cannot set crash output: %v\n", err)
	}
	return c, nil
}

func (c *fdCapture) forward(e *Engine, r *os.File, stream string) {
	defer c.wg.Done()
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			c.busy.Add(1)
			if cl := e.currentCell(); cl != nil {
				cl.out.write(stream, buf[:n])
			} else {
				c.origStderr.Write(buf[:n])
			}
			c.busy.Add(-1)
		}
		if err != nil {
			return
		}
	}
}

// sync waits briefly for bytes written to the pipes just before a cell
// ended, so they are attributed to that cell.
func (c *fdCapture) sync() {
	deadline := time.Now().Add(50 * time.Millisecond)
	for time.Now().Before(deadline) {
		if c.busy.Load() == 0 && unread(c.readers[0]) == 0 && unread(c.readers[1]) == 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// unread returns the number of bytes waiting in a pipe.
func unread(fd int) int {
	var n int32
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TIOCINQ, uintptr(unsafe.Pointer(&n)))
	if errno != 0 {
		return 0
	}
	return int(n)
}

func (c *fdCapture) restore() error {
	if err := syscall.Dup3(int(c.origStdout.Fd()), 1, 0); err != nil {
		return fmt.Errorf("restore stdout: %w", err)
	}
	if err := syscall.Dup3(int(c.origStderr.Fd()), 2, 0); err != nil {
		return fmt.Errorf("restore stderr: %w", err)
	}
	return nil
}
