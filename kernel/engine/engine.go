// Package engine evaluates notebook cells: it runs each cell through the
// front end (kernel/frontend) and the yaegi interpreter, routes everything
// the cell prints or displays to the cell's Output, tracks the goroutines
// the cell starts, and turns failures into Errors. It knows nothing of
// ZeroMQ or notebooks files: the dispatcher and the headless runner both
// drive it through Execute.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/goconc/goconc/internal/symgen"
	"github.com/goconc/goconc/kernel/cellrt"
	"github.com/goconc/goconc/kernel/display"
	"github.com/goconc/goconc/kernel/frontend"
	"github.com/goconc/goconc/kernel/native"
	"github.com/goconc/goconc/kernel/symbols"
)

// Options configure an Engine.
type Options struct {
	// MaxOutput is the number of bytes of stream output a cell may produce
	// before the rest is dropped with a notice. Zero means 8 MiB.
	MaxOutput int64
	// Symbols are extra compiled packages cells can import, in the form
	// yaegi's interp.Use expects (for example helpers' and charts' tables).
	Symbols []interp.Exports
	// CaptureFD redirects the process's file descriptors 1 and 2 so that
	// compiled code writing to os.Stdout or os.Stderr reaches the notebook.
	// Only the kernel process sets it; it changes process-wide state.
	CaptureFD bool
	// Log receives the engine's own diagnostics. Nil means os.Stderr.
	Log io.Writer
	// Warm type-checks common standard packages in the background at
	// start, so that the first cell is as fast as the others.
	Warm bool
}

// Engine evaluates cells one at a time in one interpreter session.
// Create it with New; its methods are safe for concurrent use, and
// Interrupt may be called while Execute runs.
type Engine struct {
	opts Options
	in   *interp.Interpreter
	log  io.Writer

	execMu sync.Mutex // serialises Execute, Complete and Inspect's interpreter use

	mu       sync.Mutex // guards the fields below
	owners   map[uint64]*cell
	cells    []*cell // every cell executed, in order
	current  *cell   // the cell being executed, nil between cells
	last     *cell   // the most recent cell, target of unattributed output
	cancel   context.CancelFunc
	imported map[string]frontend.Import // by local name: the import evaluated last
	decls    map[string]string          // user declarations by name: doc and source, for Inspect
	capture  *fdCapture
	tables   []interp.Exports  // every symbol table loaded, for Complete and Inspect
	fe       *frontend.Session // the front end, typed by the cells parsed so far; used under execMu
	nat      *native.Session   // declarations for native cells; used under execMu
	builder  *native.Builder   // builds native cells, created at the first one; used under execMu

	evalFiles []evalFile // where each evaluation's positions start, for deadlock reports

	blocked blockRegistry // interpreted operations goroutines are blocked in
	timers  timers        // timers cells made that may still fire
}

// New starts an interpreter session.
func New(opts Options) (*Engine, error) {
	if opts.MaxOutput == 0 {
		opts.MaxOutput = 8 << 20
	}
	e := &Engine{
		opts:     opts,
		log:      opts.Log,
		owners:   map[uint64]*cell{},
		imported: map[string]frontend.Import{},
		decls:    map[string]string{},
		fe:       frontend.NewSession(),
		nat:      native.NewSession(),
	}
	if e.log == nil {
		e.log = os.Stderr
	}
	frontend.SetModuleDir(moduleRoot()) // cells may import the helpers from any working directory
	if opts.CaptureFD {
		c, err := captureFD(e)
		if err != nil {
			return nil, fmt.Errorf("capturing stdout and stderr: %w", err)
		}
		e.capture = c
		e.log = c.origStderr
	}
	// With special stdio, os.Stdin, os.Stdout and os.Stderr in cells are
	// the engine's reader and writers, so that reading asks the client
	// and writing is attributed to the writing goroutine's cell.
	os.Setenv("YAEGI_SPECIAL_STDIO", "1")
	e.in = interp.New(interp.Options{
		Stdin:  &stdinReader{e: e},
		Stdout: &streamWriter{e: e, stream: "stdout"},
		Stderr: &streamWriter{e: e, stream: "stderr"},
		Env:    os.Environ(),
		Args:   []string{"goconc-cell"},
	})
	setMemoryLimit()
	e.installGuards()
	uses := []interp.Exports{stdlib.Symbols, e.timers.symbols(), symbols.Symbols}
	uses = append(uses, opts.Symbols...)
	e.tables = uses
	for _, u := range uses {
		if err := e.in.Use(u); err != nil {
			return nil, fmt.Errorf("loading symbols: %w", err)
		}
	}
	if opts.Warm {
		go func() {
			// Type-check the packages most cells use, so that the first cell
			// does not wait for it, then give the parsing garbage back.
			// A low GC target keeps the peak small while parsing.
			old := debug.SetGCPercent(20)
			frontend.Warm("fmt", "sync", "time", "strings", "sync/atomic", "context", "math", "sort", "errors")
			debug.SetGCPercent(old)
			debug.FreeOSMemory()
		}()
	}
	cellrt.SetTracker(tracker{e})
	display.SetSink(sink{e})
	prelude := `import _goconc "github.com/goconc/goconc/kernel/cellrt"
import "github.com/goconc/goconc/kernel/display"`
	if _, err := e.in.Eval(prelude); err != nil {
		return nil, fmt.Errorf("evaluating the session prelude: %w", err)
	}
	if p := frontend.Prelude(); p != "" {
		if _, err := e.in.Eval(p); err != nil {
			return nil, fmt.Errorf("evaluating the front end prelude: %w", err)
		}
	}
	return e, nil
}

// Close restores the process's stdout and stderr if they were captured.
// Goroutines that cells started are not stopped.
func (e *Engine) Close() error {
	cellrt.SetTracker(nil)
	display.SetSink(nil)
	if e.builder != nil {
		os.RemoveAll(e.builder.Dir)
	}
	if e.capture != nil {
		return e.capture.restore()
	}
	return nil
}

// Interrupt stops the cell being executed, if any: interpreted code stops
// at once, and Execute returns within a second even when the cell is
// blocked in compiled code. It reports whether a cell was running.
func (e *Engine) Interrupt() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel == nil {
		return false
	}
	e.cancel()
	// Selects rewritten into cellrt.Select are compiled code that yaegi's
	// cancellation does not reach: wake the running cell's.
	e.current.stopSelects()
	return true
}

// running returns the number of goroutines started by cells that have not
// returned yet, from the cells' own counts (the ones %goroutines lists).
func (e *Engine) running() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, c := range e.cells {
		n += int(c.running.Load())
	}
	return n
}

// goroutinesMagic is a cell that reports the goroutines cells started and
// that are still running.
const goroutinesMagic = "%goroutines"

// goroutineReport lists, per cell, the goroutines still running.
func (e *Engine) goroutineReport() display.Bundle {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b strings.Builder
	total := 0
	for _, c := range e.cells {
		if n := c.running.Load(); n > 0 {
			total += int(n)
			fmt.Fprintf(&b, "cell %d (%s): %d\n", c.index, c.source, n)
		}
	}
	if total == 0 {
		return display.Text("no goroutine started by a cell is still running")
	}
	return display.Text(fmt.Sprintf("%d goroutine(s) started by cells are still running:\n%s", total, b.String()))
}

// Execute runs one cell and returns the bundle of its value (nil when the
// cell ends with a statement, or an expression without a single value) or
// an *Error. Output produced while it runs, and later by goroutines the
// cell started, goes to out.
func (e *Engine) Execute(ctx context.Context, src string, out Output) (display.Bundle, error) {
	e.execMu.Lock()
	defer e.execMu.Unlock()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	first, _, _ := strings.Cut(strings.TrimSpace(src), "\n")
	c := &cell{out: newCellOutput(out, e.opts.MaxOutput), raw: out, source: first, src: src, stop: make(chan struct{})}
	e.mu.Lock()
	e.cells = append(e.cells, c)
	c.index = len(e.cells)
	e.current, e.last, e.cancel = c, c, cancel
	e.mu.Unlock()
	defer func() {
		e.mu.Lock()
		e.current, e.cancel = nil, nil
		e.mu.Unlock()
		// Bytes compiled code wrote to fds 1 and 2 first reach the cell's
		// buffer, then everything leaves before the reply and idle.
		if e.capture != nil {
			e.capture.sync()
		}
		c.out.flush()
	}()

	done := make(chan struct{})
	go e.watch(c, done)
	b, err := e.execute(ctx, c, src)
	close(done)
	if f := c.takeFatal(); f != nil {
		b, err = nil, f
	}
	if p := c.takeGoroutinePanic(); p != nil && err == nil {
		err = p
	}
	return b, err
}

func (e *Engine) execute(ctx context.Context, c *cell, src string) (display.Bundle, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	if isNative(src) {
		return nil, e.runNative(ctx, c, src)
	}
	if strings.TrimSpace(src) == goroutinesMagic {
		return e.goroutineReport(), nil
	}
	fc, err := e.fe.Parse(src)
	if err != nil {
		return nil, parseError(err, src)
	}
	for _, imp := range fc.Imports {
		if err := e.importPackage(imp); err != nil {
			return nil, err
		}
	}
	e.recordDecls(src)
	var v reflect.Value
	for _, code := range []string{fc.Code, fc.Then} {
		if strings.TrimSpace(code) == "" {
			continue
		}
		if v, err = e.eval(ctx, c, strings.Repeat("\n", lineOffset)+code, src); err != nil {
			e.rollback()
			return nil, err
		}
	}
	e.nat.Remember(src)
	// A cell declaring func main only declares it, like any function: a
	// later cell runs the program with main().
	if fc.Result != "" && e.hasSingleValue(fc.Result) {
		return render(v), nil
	}
	return nil, nil
}

// rollback leaves the session as it was before a cell whose evaluation
// failed: the front end forgets the cell, and the declarations it
// replaced are evaluated again (yaegi may have declared the cell's
// functions without their bodies).
func (e *Engine) rollback() {
	for _, src := range e.fe.Rollback() {
		fc, err := e.fe.Parse(src)
		if err != nil {
			continue
		}
		if strings.TrimSpace(fc.Code) != "" {
			first, _, _ := strings.Cut(strings.TrimSpace(src), "\n")
			e.noteEval(&cell{src: src, source: first}, 0) // positions in it name that earlier cell
			_, _ = e.in.Eval(fc.Code)
		}
	}
}

func (e *Engine) importPackage(imp frontend.Import) error {
	// A later cell's import of another package under the same name
	// rebinds the name (patch 11 of goconc's yaegi, PATCHES.md), so it is evaluated again.
	key := imp.LocalName()
	e.mu.Lock()
	done := e.imported[key] == imp
	e.mu.Unlock()
	if done {
		return nil
	}
	if why, ok := symgen.StdExcluded[imp.Path]; ok {
		return &Error{
			Name:  "ImportError",
			Value: fmt.Sprintf("package %q is not available in interpreted cells: %s", imp.Path, why),
			Traceback: []string{
				fmt.Sprintf("ImportError: package %q is not available in interpreted cells:", imp.Path),
				"  " + why + ".",
				"  A native cell can import it: start the cell with %%native.",
			},
		}
	}
	stmt := fmt.Sprintf("import %s %q", imp.Name, imp.Path)
	if _, err := e.in.Eval(stmt); err != nil {
		return &Error{
			Name:  "ImportError",
			Value: fmt.Sprintf("cannot import %q: %v", imp.Path, err),
			Traceback: []string{
				fmt.Sprintf("ImportError: cannot import %q", imp.Path),
				"  Cells can import the standard library, golang.org/x/sync and goconc's packages (helpers, charts).",
				"  Other modules need a native cell: start the cell with %%native.",
			},
		}
	}
	e.mu.Lock()
	e.imported[key] = imp
	e.mu.Unlock()
	return nil
}

// eval runs code in the interpreter under ctx and classifies failures.
func (e *Engine) eval(ctx context.Context, c *cell, code, src string) (reflect.Value, error) {
	e.noteEval(c, lineOffset)
	v, err := e.in.EvalWithContext(ctx, code)
	if f := c.takeFatal(); f != nil {
		return reflect.Value{}, f
	}
	if err == nil {
		return v, nil
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		if f := c.takeFatal(); f != nil {
			settle()
			return reflect.Value{}, f
		}
		return reflect.Value{}, e.interrupted(c)
	}
	var p interp.Panic
	if errors.As(err, &p) {
		if fe, ok := p.Value.(*interp.FatalError); ok {
			return reflect.Value{}, e.fatalError(c, fe, c.takeTrace())
		}
		return reflect.Value{}, panicError(p, c.takeTrace(), src)
	}
	return reflect.Value{}, compileError(err, src)
}

// interrupted describes an interrupted cell, naming what is still blocked.
func (e *Engine) interrupted(c *cell) *Error {
	// Give interpreted code a moment to notice the cancellation.
	deadline := time.Now().Add(300 * time.Millisecond)
	var blocked []string
	for {
		blocked = blockedEvaluations()
		if len(blocked) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	tb := []string{"Interrupt: the cell was stopped."}
	value := "the cell was stopped"
	if len(blocked) > 0 {
		value = fmt.Sprintf("the cell was stopped; %d call(s) in compiled code cannot be stopped and go on in the background: %s",
			len(blocked), strings.Join(blocked, ", "))
		tb = append(tb, "  Still blocked (they end on their own, or when the kernel restarts):")
		for _, b := range blocked {
			tb = append(tb, "    - "+b)
		}
	}
	if n := e.running(); n > 0 {
		tb = append(tb, fmt.Sprintf("  %d goroutine(s) started by cells are still running.", n))
	}
	return &Error{Name: "Interrupt", Value: value, Traceback: tb}
}

func parseError(err error, src string) error {
	var se *frontend.Error
	if errors.As(err, &se) {
		e := positioned("SyntaxError", fmt.Sprintf("%d:%d: %s", se.Line+lineOffset, se.Col, se.Msg), src)
		return e
	}
	var un *frontend.Unsupported
	if errors.As(err, &un) {
		tb := []string{"Unsupported: " + un.Error()}
		tb = append(tb, excerpt(src, un.Line, 0)...)
		return &Error{Name: "Unsupported", Value: un.Error(), Traceback: tb}
	}
	return &Error{Name: "SyntaxError", Value: err.Error(), Traceback: []string{"SyntaxError: " + err.Error()}}
}

func compileError(err error, src string) error {
	msg := err.Error()
	// A scanner.ErrorList prints the first error and a count; keep it short.
	return positioned("CompileError", msg, src)
}

func panicError(p interp.Panic, trace []string, src string) error {
	value := fmt.Sprint(p.Value)
	if strings.HasPrefix(value, "os.Exit(") {
		return &Error{
			Name:  "ExitRefused",
			Value: value + " refused: it would end the kernel and lose this session",
			Traceback: []string{
				"ExitRefused: " + value + " was refused.",
				"  Exiting would end the kernel process and lose every variable of this session.",
				"  Return from the cell instead, or use Kernel > Restart to start afresh.",
			},
		}
	}
	if len(trace) == 0 {
		// The interpreter panicked without running user code: one of its
		// own defects, not the cell's.
		return &Error{
			Name:  "InterpreterError",
			Value: "the interpreter does not support a construct in this cell (" + value + ")",
			Traceback: []string{
				"InterpreterError: the interpreter does not support a construct in this cell.",
				"  Internal message: " + value,
				"  Rewrite the construct, or run the cell compiled: start it with %%native.",
			},
		}
	}
	tb := []string{"panic: " + value}
	first := true
	for _, line := range trace {
		l, col, rest, ok := cellPos(line)
		if !ok {
			continue
		}
		fn := strings.TrimPrefix(rest, "panic: ")
		tb = append(tb, fmt.Sprintf("  in %s at cell line %d", strings.TrimSuffix(fn, "(...)"), l))
		if first {
			tb = append(tb, excerpt(src, l, col)...)
			first = false
		}
	}
	return &Error{Name: "Panic", Value: value, Traceback: tb}
}

// render turns a cell's value into a bundle.
func render(v reflect.Value) display.Bundle {
	if !v.IsValid() {
		return nil
	}
	if !v.CanInterface() {
		return display.Text(v.String())
	}
	x := v.Interface()
	if _, ok := x.(display.ID); ok {
		return nil // the display is the output
	}
	if b, ok := display.Of(x); ok {
		return b
	}
	if s, ok := x.(string); ok {
		return display.Text(fmt.Sprintf("%q", s))
	}
	return display.Text(fmt.Sprintf("%v", x))
}

// LogWriter returns where the engine writes its diagnostics: the process's
// original stderr when file descriptors are captured.
func (e *Engine) LogWriter() io.Writer { return e.log }
