package fidelity_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/goconc/goconc/kernel/engine"
)

// The corpus runs every program in a child process, so that an
// interpreter that crashes, hangs or eats memory takes down only that
// child. The child is this test binary started again with one of the
// environment variables below; TestMain hands it to runChild.
const (
	// childInterpEnv names a Go file the child runs through the engine the
	// way a notebook does: the file as one cell, then main() as a second.
	// The result goes to file descriptor 3 as JSON (childResult).
	childInterpEnv = "GOCONC_CORPUS_INTERP"
	// childExecEnv names a compiled program the child execs after setting
	// the memory limit, so that the compiled run has the same limits.
	childExecEnv = "GOCONC_CORPUS_EXEC"
	// childTimeoutEnv is how long the interpreted program may run before
	// the child interrupts it and reports a hang (a Go duration).
	childTimeoutEnv = "GOCONC_CORPUS_TIMEOUT"
	// childMemEnv is the address-space limit of a child, in bytes.
	childMemEnv = "GOCONC_CORPUS_MEM"
)

// childResult is what an interpreted run reports to the parent.
type childResult struct {
	Stdout  string `json:"stdout"`
	Stderr  string `json:"stderr"`
	ErrName string `json:"err_name,omitempty"` // engine.Error's Name, "" when both cells ran
	ErrMsg  string `json:"err_msg,omitempty"`  // engine.Error's Value
	Cell    int    `json:"cell,omitempty"`     // the cell (1 or 2) that failed
	Hung    bool   `json:"hung,omitempty"`     // the program was interrupted at the timeout
}

// runChild runs the child process's task if this process is one, and
// reports whether it was.
func runChild() bool {
	limitMemory()
	if bin := os.Getenv(childExecEnv); bin != "" {
		err := syscall.Exec(bin, []string{bin}, childEnv(os.Environ()))
		fmt.Fprintf(os.Stderr, "exec %s: %v\n", bin, err)
		os.Exit(125)
	}
	file := os.Getenv(childInterpEnv)
	if file == "" {
		return false
	}
	res, err := interpret(file)
	if err != nil {
		fmt.Fprintf(os.Stderr, "corpus child: %v\n", err)
		os.Exit(124)
	}
	out := os.NewFile(3, "result")
	if err := json.NewEncoder(out).Encode(res); err != nil {
		fmt.Fprintf(os.Stderr, "corpus child: writing the result: %v\n", err)
		os.Exit(124)
	}
	return true
}

// childEnv removes the corpus's own variables from env.
func childEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GOCONC_CORPUS_") {
			out = append(out, kv)
		}
	}
	return out
}

// limitMemory applies the address-space limit the parent asked for.
func limitMemory() {
	n, err := strconv.ParseUint(os.Getenv(childMemEnv), 10, 64)
	if err != nil || n == 0 {
		return
	}
	lim := syscall.Rlimit{Cur: n, Max: n}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		fmt.Fprintf(os.Stderr, "corpus child: setrlimit: %v\n", err)
	}
}

// interpret runs file through a fresh engine as a notebook would.
func interpret(file string) (*childResult, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	timeout, err := time.ParseDuration(os.Getenv(childTimeoutEnv))
	if err != nil {
		timeout = 20 * time.Second
	}
	// The engine captures file descriptors 1 and 2 as the kernel does; a
	// fatal error of the runtime must still reach the parent, on a copy
	// of the original stderr.
	if fd, err := syscall.Dup(2); err == nil {
		debug.SetCrashOutput(os.NewFile(uintptr(fd), "crash"), debug.CrashOptions{})
	}
	// The working directory is an empty one the parent made, as for the
	// compiled run.
	e, err := engine.New(engine.Options{CaptureFD: true})
	if err != nil {
		return nil, fmt.Errorf("starting the engine: %w", err)
	}
	out := &output{streams: map[string]*strings.Builder{}}
	res := &childResult{}
	deadline := time.Now().Add(timeout)
	for n, cell := range []string{string(src), "main()"} {
		ctx, cancel := context.WithDeadline(context.Background(), deadline)
		stop := context.AfterFunc(ctx, func() { e.Interrupt() })
		_, err := e.Execute(ctx, cell, silent{out})
		stop()
		hung := ctx.Err() != nil
		cancel()
		if err != nil {
			var ee *engine.Error
			if errors.As(err, &ee) {
				res.ErrName, res.ErrMsg = ee.Name, ee.Value
			} else {
				res.ErrName, res.ErrMsg = "Error", err.Error()
			}
			res.Cell, res.Hung = n+1, hung
			break
		}
	}
	res.Stdout, res.Stderr = out.text("stdout"), out.text("stderr")
	return res, nil
}

// silent is an engine.Output that keeps the streams only: the error of
// the run is reported separately, not mixed into stderr.
type silent struct{ *output }

func (silent) Error(*engine.Error) {}
