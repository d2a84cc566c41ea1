package fidelity_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/display"
	"github.com/goconc/goconc/kernel/engine"
)

// evalTimeout bounds one cell: interpreter deadlocks are test failures,
// not hangs.
const evalTimeout = 30 * time.Second

// output collects a session's streams as engine.Output.
type output struct {
	mu      sync.Mutex // guards the builders
	streams map[string]*strings.Builder
}

func (o *output) Stream(name, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.streams[name] == nil {
		o.streams[name] = &strings.Builder{}
	}
	o.streams[name].WriteString(text)
}

func (o *output) text(name string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if b := o.streams[name]; b != nil {
		return b.String()
	}
	return ""
}

func (o *output) Display(b display.Bundle, id string, update bool) {}
func (o *output) Clear(bool)                                       {}
func (o *output) Error(e *engine.Error)                            { o.Stream("stderr", e.Error()+"\n") }
func (o *output) Input(string, bool) (string, error)               { return "", fmt.Errorf("no input") }

// engineMu serialises sessions: the engine installs process-wide hooks
// (display sink, goroutine tracker), one session at a time.
var engineMu sync.Mutex

// runCellsFull executes cells in a fresh engine session, as a notebook
// would, and returns what they printed on stdout and stderr and the first
// error, after which no further cell runs.
func runCellsFull(t *testing.T, cells []string) (stdout, stderr string, err error) {
	t.Helper()
	engineMu.Lock()
	defer engineMu.Unlock()
	e, err := engine.New(engine.Options{})
	if err != nil {
		return "", "", err
	}
	defer e.Close()
	out := &output{streams: map[string]*strings.Builder{}}
	for n, src := range cells {
		ctx, cancel := context.WithTimeout(context.Background(), evalTimeout)
		stop := context.AfterFunc(ctx, func() { e.Interrupt() })
		_, err := e.Execute(ctx, src, out)
		stop()
		cancel()
		if err != nil {
			return out.text("stdout"), out.text("stderr"), fmt.Errorf("cell %d: %w", n+1, err)
		}
	}
	// Output is flushed when each cell ends.
	return out.text("stdout"), out.text("stderr"), nil
}
