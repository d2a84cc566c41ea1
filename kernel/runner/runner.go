package runner

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/goconc/goconc/kernel/display"
	"github.com/goconc/goconc/kernel/engine"
)

// Evaluator runs cells; *engine.Engine implements it.
type Evaluator interface {
	Execute(ctx context.Context, code string, out engine.Output) (display.Bundle, error)
	Interrupt() bool
}

// Options control a run.
type Options struct {
	// Timeout bounds each cell; zero means no limit.
	Timeout time.Duration
	// Progress, if set, is called before each code cell runs.
	Progress func(index int, c *Cell)
}

// Failure is a code cell that raised an error without being tagged
// raises-exception.
type Failure struct {
	Index int           // position of the cell in the notebook
	Count int           // its execution count
	Err   *engine.Error // what it raised
	Line  string        // the cell's first line, to recognise it
}

// Result summarises a run.
type Result struct {
	Cells    int // code cells executed
	Failures []Failure
	Duration time.Duration
}

// AllowErrorsTag marks cells that are expected to fail (nbclient's tag).
const AllowErrorsTag = "raises-exception"

// Run executes the notebook's code cells in order with ev and stores their
// outputs and execution counts in nb. It goes on after a failing cell so
// that every failure is reported.
func Run(ctx context.Context, nb *Notebook, ev Evaluator, opts Options) Result {
	start := time.Now()
	var res Result
	count := 0
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		if opts.Progress != nil {
			opts.Progress(i, c)
		}
		count++
		n := count
		c.ExecutionCount = &n
		out := &collector{cell: c}
		c.Outputs = nil
		err := runCell(ctx, ev, string(c.Source), out, opts.Timeout, c, n)
		res.Cells++
		if err != nil {
			var ee *engine.Error
			if !errors.As(err, &ee) {
				ee = &engine.Error{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
			}
			out.add(errorOutput(ee))
			if !c.HasTag(AllowErrorsTag) {
				res.Failures = append(res.Failures, Failure{Index: i, Count: n, Err: ee, Line: firstLine(string(c.Source))})
			}
		}
	}
	res.Duration = time.Since(start)
	return res
}

func runCell(ctx context.Context, ev Evaluator, src string, out *collector, timeout time.Duration, c *Cell, n int) error {
	if timeout > 0 {
		t := time.AfterFunc(timeout, func() { ev.Interrupt() })
		defer t.Stop()
	}
	stop := context.AfterFunc(ctx, func() { ev.Interrupt() })
	defer stop()
	value, err := ev.Execute(ctx, src, out)
	if err != nil {
		var ee *engine.Error
		if timeout > 0 && errors.As(err, &ee) && ee.Name == "Interrupt" && ctx.Err() == nil {
			ee.Value = fmt.Sprintf("the cell ran longer than the %v timeout: %s", timeout, ee.Value)
		}
		return err
	}
	if value != nil {
		out.add(map[string]any{
			"output_type": "execute_result", "execution_count": n, "data": bundleData(value), "metadata": map[string]any{},
		})
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}

// collector implements engine.Output by appending nbformat outputs to a
// cell, merging consecutive stream text as Jupyter does.
type collector struct {
	mu        sync.Mutex // guards the fields below
	cell      *Cell
	clearNext bool
	// displays maps display ids to the outputs showing them; updates
	// change those outputs in place (nbformat stores no display ids).
	displays map[string][]map[string]any
}

func (o *collector) add(out map[string]any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.addLocked(out)
}

func (o *collector) addLocked(out map[string]any) {
	if o.clearNext {
		o.cell.Outputs = nil
		o.clearNext = false
	}
	o.cell.Outputs = append(o.cell.Outputs, out)
}

func (o *collector) Stream(name, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if n := len(o.cell.Outputs); n > 0 && !o.clearNext {
		last := o.cell.Outputs[n-1]
		if last["output_type"] == "stream" && last["name"] == name {
			last["text"] = last["text"].(string) + text
			return
		}
	}
	o.addLocked(map[string]any{"output_type": "stream", "name": name, "text": text})
}

func (o *collector) Display(b display.Bundle, id string, update bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if update {
		for _, prev := range o.displays[id] {
			prev["data"] = bundleData(b)
		}
		return
	}
	out := map[string]any{"output_type": "display_data", "data": bundleData(b), "metadata": map[string]any{}}
	if id != "" {
		if o.displays == nil {
			o.displays = map[string][]map[string]any{}
		}
		o.displays[id] = append(o.displays[id], out)
	}
	o.addLocked(out)
}

func (o *collector) Clear(wait bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if wait {
		o.clearNext = true
		return
	}
	o.cell.Outputs = nil
}

func (o *collector) Error(e *engine.Error) {
	o.add(errorOutput(e))
}

func errorOutput(e *engine.Error) map[string]any {
	return map[string]any{"output_type": "error", "ename": e.Name, "evalue": e.Value, "traceback": nonNil(e.Traceback)}
}

func (o *collector) Input(prompt string, password bool) (string, error) {
	return "", errors.New("a headless run cannot answer input requests")
}

// bundleData converts a bundle for nbformat: text values stay strings.
func bundleData(b display.Bundle) map[string]any {
	out := make(map[string]any, len(b))
	for k, v := range b {
		out[k] = v
	}
	return out
}
