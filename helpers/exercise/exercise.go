// Package exercise checks a reader's answers in the course's notebooks.
//
// An exercise cell holds the reader's attempt; the cell after it calls
// Check with a function that tests the attempt and a hint:
//
//	exercise.Check("bounded queue", func() error {
//		if got := drain(fill(3)); got != 3 {
//			return fmt.Errorf("drained %d items, want 3", got)
//		}
//		return nil
//	}, "Close the channel when the producer is done.")
//
// Check shows a green pass or a red fail with the hint, and never stops the
// notebook: a reader can run every cell before solving anything. The
// course's tests run the notebooks with each exercise replaced by its
// reference solution and GOCONC_EXERCISE_STRICT=1, under which a failed
// check panics, so a solution that does not pass its own check fails the
// build.
package exercise

import (
	"fmt"
	"html"
	"os"
	"sync"
	"time"

	"github.com/goconc/goconc/kernel/display"
)

// StrictEnv is the environment variable that makes failed checks panic.
const StrictEnv = "GOCONC_EXERCISE_STRICT"

// Timeout bounds a check: a solution that deadlocks fails instead of
// hanging the notebook.
var Timeout = 10 * time.Second

// Result is the outcome of one check.
type Result struct {
	Name   string
	Passed bool
	Err    error // why it failed; nil when it passed
	Hint   string
}

var (
	mu      sync.Mutex // guards results
	results []Result
)

// Check runs check, shows whether it passed, and reports it. A check that
// panics or runs longer than Timeout fails. Under StrictEnv a failure
// panics after it is shown.
func Check(name string, check func() error, hint string) bool {
	err := run(check)
	r := Result{Name: name, Passed: err == nil, Err: err, Hint: hint}
	mu.Lock()
	results = append(results, r)
	mu.Unlock()
	display.MIME(r.MIMEBundle())
	if err != nil && os.Getenv(StrictEnv) != "" {
		panic(fmt.Sprintf("exercise %q failed: %v", name, err))
	}
	return err == nil
}

func run(check func() error) (err error) {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("the check panicked: %v", p)
			}
		}()
		done <- check()
	}()
	select {
	case err = <-done:
		return err
	case <-time.After(Timeout):
		return fmt.Errorf("the check did not finish within %v (a deadlock?)", Timeout)
	}
}

// Results returns the outcomes of every check so far, in order.
func Results() []Result {
	mu.Lock()
	defer mu.Unlock()
	return append([]Result(nil), results...)
}

// MIMEBundle renders the result as a coloured box with a text fallback.
func (r Result) MIMEBundle() map[string]any {
	if r.Passed {
		return map[string]any{
			"text/plain": "PASS " + r.Name,
			"text/html": fmt.Sprintf(`<div style="border-left:4px solid #2da44e;padding:.4em .8em;margin:.3em 0">`+
				`<b style="color:#2da44e">✓ Passed</b> — %s</div>`, html.EscapeString(r.Name)),
		}
	}
	text := fmt.Sprintf("FAIL %s: %v", r.Name, r.Err)
	if r.Hint != "" {
		text += "\nHint: " + r.Hint
	}
	hint := ""
	if r.Hint != "" {
		hint = fmt.Sprintf(`<details><summary>Hint</summary>%s</details>`, html.EscapeString(r.Hint))
	}
	return map[string]any{
		"text/plain": text,
		"text/html": fmt.Sprintf(`<div style="border-left:4px solid #cf222e;padding:.4em .8em;margin:.3em 0">`+
			`<b style="color:#cf222e">✗ Not yet</b> — %s: %s%s</div>`,
			html.EscapeString(r.Name), html.EscapeString(fmt.Sprint(r.Err)), hint),
	}
}
