package frontend

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/cellrt"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// runCells evaluates rewritten cells in a bare yaegi interpreter set up as
// the engine sets it up, for the front end's own tests. The fidelity suite
// (kernel/fidelity) runs its programs through the real engine.

// evalTimeout bounds one Eval: yaegi deadlocks are test failures, not hangs.
const evalTimeout = 30 * time.Second

// lockedBuffer is a bytes.Buffer safe for concurrent writers (goroutines
// of the cells print concurrently).
type lockedBuffer struct {
	mu sync.Mutex // guards b
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runCells evaluates cells in a fresh interpreter and returns what they
// printed on standard output, and the first error: a Parse error
// (*Error, *Unsupported) or an evaluation error, after which no further
// cell runs.
func runCells(t *testing.T, cells []string) (stdout string, err error) {
	t.Helper()
	stdout, _, err = runCellsFull(t, cells)
	return stdout, err
}

// runCellsFull is runCells that also returns the standard error, without
// yaegi's panic trace lines (see IsPanicTrace).
func runCellsFull(t *testing.T, cells []string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut lockedBuffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: &errOut})
	if err := i.Use(stdlib.Symbols); err != nil {
		return "", "", err
	}
	if err := i.Use(interp.Exports{"github.com/goconc/goconc/kernel/cellrt/cellrt": {
		"Go":     reflect.ValueOf(cellrt.Go),
		"Guard":  reflect.ValueOf(cellrt.Guard),
		"Select": reflect.ValueOf(cellrt.Select),
	}}); err != nil {
		return "", "", err
	}
	eval := func(src string) error {
		ctx, cancel := context.WithTimeout(context.Background(), evalTimeout)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					done <- fmt.Errorf("interpreter panic: %v", r)
				}
			}()
			_, err := i.EvalWithContext(ctx, src)
			done <- err
		}()
		select {
		case err := <-done:
			return err
		case <-time.After(evalTimeout + 5*time.Second):
			return fmt.Errorf("evaluation did not return in %v (deadlock?)", evalTimeout)
		}
	}
	if err := eval(`import _goconc "github.com/goconc/goconc/kernel/cellrt"`); err != nil {
		return "", "", fmt.Errorf("cellrt import: %w", err)
	}
	if err := eval(Prelude()); err != nil {
		return "", "", fmt.Errorf("prelude: %w", err)
	}
	filtered := func() string {
		var b strings.Builder
		for _, l := range strings.SplitAfter(errOut.String(), "\n") {
			if l != "" && !IsPanicTrace(strings.TrimSuffix(l, "\n")) {
				b.WriteString(l)
			}
		}
		return b.String()
	}
	s := NewSession()
	for n, src := range cells {
		c, err := s.Parse(src)
		if err != nil {
			return out.String(), filtered(), err
		}
		for _, im := range c.Imports {
			if err := eval(fmt.Sprintf("import %s %q", im.Name, im.Path)); err != nil {
				return out.String(), filtered(), fmt.Errorf("cell %d: import %q: %w", n+1, im.Path, err)
			}
		}
		for _, code := range []string{c.Code, c.Then} {
			if strings.TrimSpace(code) == "" {
				continue
			}
			if err := eval(code); err != nil {
				return out.String(), filtered(), fmt.Errorf("cell %d: %w\n--- rewritten:\n%s", n+1, err, numbered(code))
			}
		}
	}
	return out.String(), filtered(), nil
}

// numbered prefixes the lines of src with their numbers.
func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%3d  %s\n", i+1, l)
	}
	return b.String()
}
