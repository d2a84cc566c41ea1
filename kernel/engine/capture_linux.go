package engine

import (
	"bytes"
	"fmt"
	"os"
	"runtime/debug"
	"syscall"
	"time"
)

// fdCapture replaces file descriptors 1 and 2 with pipes and forwards what
// compiled code writes there to the running (or last) cell.
type fdCapture struct {
	origStdout, origStderr *os.File
	writers                [2]*os.File      // write ends of the pipes (also dup'ed onto fds 1 and 2)
	synced                 [2]chan struct{} // a forwarder's signal that it reached a sync marker
}

// syncMarker is written into a pipe by sync; the forwarder drops it and
// signals, which proves that everything written before it was delivered.
var syncMarker = []byte("\x00\x01goconc-sync\x01\x00")

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
		c.synced[i] = make(chan struct{}, 1)
		stream := "stdout"
		if fd == 2 {
			stream = "stderr"
		}
		go c.forward(e, r, stream, c.synced[i])
	}
	// A fatal error of the Go runtime must still reach the real stderr.
	if err := debug.SetCrashOutput(c.origStderr, debug.CrashOptions{}); err != nil {
		fmt.Fprintf(c.origStderr, "goconc: cannot set crash output: %v\n", err)
	}
	return c, nil
}

// forward copies a pipe to the current cell, dropping sync markers (and
// signalling them). A marker split between two reads is reassembled.
func (c *fdCapture) forward(e *Engine, r *os.File, stream string, synced chan<- struct{}) {
	buf := make([]byte, 32<<10)
	var carry []byte
	for {
		n, err := r.Read(buf)
		if n > 0 {
			data := append(carry, buf[:n]...)
			carry = nil
			for {
				i := bytes.Index(data, syncMarker)
				if i < 0 {
					break
				}
				c.deliver(e, stream, data[:i])
				data = data[i+len(syncMarker):]
				select {
				case synced <- struct{}{}:
				default:
				}
			}
			// Keep a tail that may be the start of a marker.
			keep := 0
			for k := len(syncMarker) - 1; k > 0; k-- {
				if bytes.HasSuffix(data, syncMarker[:k]) {
					keep = k
					break
				}
			}
			c.deliver(e, stream, data[:len(data)-keep])
			carry = append([]byte(nil), data[len(data)-keep:]...)
		}
		if err != nil {
			return
		}
	}
}

func (c *fdCapture) deliver(e *Engine, stream string, p []byte) {
	if len(p) == 0 {
		return
	}
	if cl := e.currentCell(); cl != nil {
		cl.out.write(stream, p)
	} else {
		c.origStderr.Write(p)
	}
}

// sync returns once everything written to fds 1 and 2 so far has reached
// the cell's buffer: it sends a marker through each pipe and waits for the
// forwarders to reach it (pipes keep order).
func (c *fdCapture) sync() {
	for i, w := range c.writers {
		select { // drop a stale signal
		case <-c.synced[i]:
		default:
		}
		if _, err := w.Write(syncMarker); err != nil {
			continue
		}
		select {
		case <-c.synced[i]:
		case <-time.After(time.Second):
		}
	}
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
