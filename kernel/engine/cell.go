package engine

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"

	"github.com/goconc/goconc/kernel/cellrt"
	"github.com/goconc/goconc/kernel/display"
)

// cell is the state of one executed cell that outlives Execute: goroutines
// it started keep writing to its output.
type cell struct {
	out     *cellOutput
	raw     Output
	index   int          // 1 for the session's first cell
	source  string       // the cell's first line, to name it
	src     string       // the cell's source
	running atomic.Int64 // goroutines it started that are still running

	stop     chan struct{} // closed when the cell is interrupted: wakes its selects
	stopOnce sync.Once

	mu        sync.Mutex // guards trace and panic
	trace     []string   // panic lines yaegi printed while the cell ran
	panic_    *Error     // first goroutine panic while the cell ran
	fatal_    *Error     // the fatal error that ended the cell (deadlock, stack overflow, out of memory)
	fatalSeen bool       // a fatal error ended the cell: later ones of its goroutines are not shown
	ended     bool       // whether Execute has returned
}

func (c *cell) addTrace(line string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.trace) < 64 {
		c.trace = append(c.trace, line)
	}
}

func (c *cell) takeTrace() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.trace
	c.trace = nil
	return t
}

// takeGoroutinePanic returns the first panic of a goroutine the cell
// started while it ran, and marks the cell ended: later panics are shown
// as error outputs instead.
func (c *cell) takeGoroutinePanic() *Error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ended = true
	p := c.panic_
	c.panic_ = nil
	return p
}

// takeFatal returns the fatal error that ended the cell, if any.
func (c *cell) takeFatal() *Error {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.fatal_
	c.fatal_ = nil
	if f != nil {
		c.ended = true
	}
	return f
}

// goroutinePanic records or shows a panic of a goroutine the cell started.
func (c *cell) goroutinePanic(p any, stack []byte) {
	trace := c.takeTrace()
	err := &Error{Name: "GoroutinePanic", Value: fmt.Sprint(p)}
	err.Traceback = append([]string{"panic in a goroutine started by this cell: " + fmt.Sprint(p)}, traceLines(trace)...)
	c.mu.Lock()
	if !c.ended && c.panic_ == nil {
		c.panic_ = err
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	c.out.flush()
	c.raw.Error(err)
}

func traceLines(trace []string) []string {
	var out []string
	for _, line := range trace {
		if l, _, rest, ok := cellPos(line); ok {
			out = append(out, fmt.Sprintf("  in %s at cell line %d", strings.TrimSuffix(strings.TrimPrefix(rest, "panic: "), "(...)"), l))
		}
	}
	return out
}

// cellOf returns the cell that owns goroutine id, or the running cell, or
// the last one.
func (e *Engine) cellOf(id uint64) *cell {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.owners[id]; ok {
		return c
	}
	if e.current != nil {
		return e.current
	}
	return e.last
}

// currentCell returns the running cell or the last one (nil before any).
func (e *Engine) currentCell() *cell {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.current != nil {
		return e.current
	}
	return e.last
}

// stopSelects wakes the cell's goroutines blocked in a rewritten select
// (they end with cellrt.ErrInterrupted).
func (c *cell) stopSelects() { c.stopOnce.Do(func() { close(c.stop) }) }

// tracker implements cellrt.Tracker: goroutines belong to the cell whose
// code (or whose goroutine) started them.
type tracker struct{ e *Engine }

// Spawn counts the goroutine as running at once, so that a report right
// after the go statement includes it.
func (t tracker) Spawn() any {
	c := t.e.cellOf(goid())
	if c != nil {
		c.running.Add(1)
	}
	return c
}

func (t tracker) Enter(owner any) {
	c, _ := owner.(*cell)
	if c == nil {
		return
	}
	id := goid()
	t.e.mu.Lock()
	t.e.owners[id] = c
	t.e.mu.Unlock()
}

func (t tracker) Exit(owner any, p any, stack []byte) {
	id := goid()
	t.e.mu.Lock()
	delete(t.e.owners, id)
	t.e.mu.Unlock()
	c, _ := owner.(*cell)
	if c == nil {
		return
	}
	c.running.Add(-1)
	if fe, ok := p.(*interp.FatalError); ok {
		// Go's runtime would end the whole program: end the cell if it
		// still runs, else report it where the goroutine's output goes.
		err := t.e.fatalError(c, fe, c.takeTrace())
		err.Traceback = append(err.Traceback, "  (in a goroutine started by this cell)")
		c.mu.Lock()
		seen := c.fatalSeen
		c.mu.Unlock()
		if seen {
			return // Go's runtime reports one fatal error, then ends
		}
		if !t.e.fatal(c, err) {
			c.out.flush()
			c.raw.Error(err)
		}
		return
	}
	if p != nil && p != cellrt.ErrInterrupted { // an interrupted select ends its goroutine quietly
		c.goroutinePanic(p, stack)
	}
}

// Running implements cellrt.Counter: runtime.NumGoroutine in a cell
// counts these, not the kernel's goroutines.
func (t tracker) Running() int { return t.e.running() }

// StopChan implements cellrt.Stopper: the selects of a goroutine stop
// when its cell is interrupted.
func (t tracker) StopChan() <-chan struct{} {
	if c := t.e.cellOf(goid()); c != nil {
		return c.stop
	}
	return nil
}

// sink implements display.Sink for the cell of the calling goroutine.
type sink struct{ e *Engine }

func (s sink) Display(b display.Bundle, id string, update bool) {
	c := s.e.cellOf(goid())
	if c == nil {
		return
	}
	c.out.flush() // keep displays in order with the text printed before them
	c.raw.Display(b, id, update)
}

func (s sink) ClearOutput(wait bool) {
	if c := s.e.cellOf(goid()); c != nil {
		c.out.flush()
		c.raw.Clear(wait)
	}
}

// yaegiPanicLine matches the lines yaegi prints for each frame a panic
// unwinds through; the engine turns them into tracebacks instead of output.
var yaegiPanicLine = regexp.MustCompile(`^(?:[^\s:]*\.go:)?\d+:\d+: panic: `)

// streamWriter is the interpreter's stdout or stderr: it routes each write
// to the cell of the writing goroutine.
type streamWriter struct {
	e      *Engine
	stream string
}

func (w *streamWriter) Write(p []byte) (int, error) {
	c := w.e.cellOf(goid())
	if c == nil {
		fmt.Fprintf(w.e.log, "goconc: output outside any cell: %s", p)
		return len(p), nil
	}
	if w.stream == "stderr" && yaegiPanicLine.Match(p) {
		c.addTrace(strings.TrimSpace(string(p)))
		return len(p), nil
	}
	c.out.write(w.stream, p)
	return len(p), nil
}

// stdinReader is the interpreter's stdin: each line a cell reads is asked
// for with an input request to the client of the reading goroutine's cell.
type stdinReader struct {
	e   *Engine
	mu  sync.Mutex // guards buf
	buf *bufio.Reader
}

func (r *stdinReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.buf != nil && r.buf.Buffered() > 0 {
		return r.buf.Read(p)
	}
	c := r.e.cellOf(goid())
	if c == nil {
		return 0, io.EOF
	}
	c.out.flush()
	line, err := c.raw.Input("", false)
	if err != nil {
		return 0, io.EOF
	}
	r.buf = bufio.NewReader(strings.NewReader(line + "\n"))
	return r.buf.Read(p)
}
