package e2e_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fatalCells are faults that Go's runtime reports as fatal errors; the
// kernel reports each in its cell, with Go's message, and keeps the session.
var fatalCells = []struct {
	id, code, evalue, line string
}{
	{"deadlock", "ch := make(chan int)\nch <- 1", "all goroutines are asleep - deadlock!", "goroutine [chan send] at cell line 2:"},
	{"deadlock-goroutines", "var mu sync.Mutex\nmu.Lock()\ndone := make(chan bool)\ngo func() {\n\tmu.Lock()\n\tdone <- true\n}()\n<-done",
		"all goroutines are asleep - deadlock!", "goroutine [sync.Mutex.Lock] at cell line 5:"},
	{"recursion", "func down(n int) int { return down(n+1) + 1 }\ndown(0)", "stack overflow", "fatal error: stack overflow"},
	{"recursion-goroutine", "func deeper(n int) int { return deeper(n+1) + 1 }\nfin := make(chan bool)\ngo func() { deeper(0); fin <- true }()\n<-fin",
		"stack overflow", "(in a goroutine started by this cell)"},
	{"map-writes", "m := map[int]int{}\nvar wg sync.WaitGroup\nfor g := 0; g < 4; g++ {\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tfor i := 0; i < 200000; i++ {\n\t\t\tm[i%64] = i\n\t\t}\n\t}()\n}\nwg.Wait()",
		"concurrent map writes", "at cell line 8:"},
	{"unlock", "var mu2 sync.Mutex\nmu2.Unlock()", "sync: unlock of unlocked mutex", "at cell line 2:"},
	{"runlock", "var rw sync.RWMutex\nrw.RUnlock()", "sync: RUnlock of unlocked RWMutex", "at cell line 2:"},
	{"huge-make", "big := make([]byte, 1<<40)\n_ = big", "runtime: out of memory", "cannot allocate 1099511627776-byte block"},
}

// TestFatalErrorsOverZeroMQ: each fault ends its cell with an error reply
// and an error message carrying Go's words; the kernel process lives on
// with the session's state.
func TestFatalErrorsOverZeroMQ(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, "import (\n\t\"fmt\"\n\t\"sync\"\n)\nkept := 42").mustOK(t)
	for _, fc := range fatalCells {
		r := k.exec(t, fc.code)
		if r.rc["status"] != "error" || r.rc["ename"] != "fatal error" || r.rc["evalue"] != fc.evalue {
			t.Errorf("%s: reply %v, want fatal error: %s", fc.id, r.rc, fc.evalue)
		}
		var tb []string
		for _, m := range r.iopub {
			if m.Header.MsgType == "error" {
				var c struct {
					Traceback []string `json:"traceback"`
				}
				if err := json.Unmarshal(m.Content, &c); err != nil {
					t.Fatal(err)
				}
				tb = c.Traceback
			}
		}
		if !strings.Contains(strings.Join(tb, "\n"), fc.line) {
			t.Errorf("%s: traceback lacks %q:\n%s", fc.id, fc.line, strings.Join(tb, "\n"))
		}
		if !k.alive() {
			t.Fatalf("%s: the kernel process died", fc.id)
		}
		k.exec(t, "fmt.Println(kept)").mustOK(t) // the next cell answers, state kept
	}
}

// TestFatalErrorsInNbclient runs the faults as cells tagged
// raises-exception of a notebook that nbclient executes: each cell shows
// the fatal error and the last cell still sees the first cell's state.
func TestFatalErrorsInNbclient(t *testing.T) {
	t.Parallel()
	requireTools(t, []string{"nbclient", "nbformat", "jupyter_client"})
	j := newJupyterEnv(t)
	cells := []map[string]any{{"cell_type": "code", "id": "setup", "metadata": map[string]any{}, "outputs": []any{}, "execution_count": nil,
		"source": "import (\n\t\"fmt\"\n\t\"sync\"\n)\nkept := 42"}}
	for _, fc := range fatalCells {
		cells = append(cells, map[string]any{"cell_type": "code", "id": fc.id, "outputs": []any{}, "execution_count": nil,
			"metadata": map[string]any{"tags": []string{"raises-exception"}}, "source": fc.code})
	}
	cells = append(cells, map[string]any{"cell_type": "code", "id": "after", "metadata": map[string]any{}, "outputs": []any{},
		"execution_count": nil, "source": "fmt.Println(kept)"})
	nb := map[string]any{"nbformat": 4, "nbformat_minor": 5, "cells": cells,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "goconc", "display_name": "Go (goconc)", "language": "go"}}}
	data, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(j.dir, "work", "fatal.ipynb"), filepath.Join(j.dir, "work", "fatal-out.ipynb")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := j.python(t, "run_nbclient.py", in, out)
	if err != nil {
		t.Fatalf("run_nbclient.py: %v\n%s%s", err, stdout, stderr)
	}
	got := readNotebook(t, out)
	for _, fc := range fatalCells {
		c := got[fc.id]
		if len(c.Outputs) == 0 || c.Outputs[len(c.Outputs)-1].OutputType != "error" {
			t.Errorf("%s: outputs %+v, want an error", fc.id, c.Outputs)
			continue
		}
		o := c.Outputs[len(c.Outputs)-1]
		if o.EName != "fatal error" || o.EValue != fc.evalue || !strings.Contains(strings.Join(o.Traceback, "\n"), fc.line) {
			t.Errorf("%s: error %s: %s\n%s, want fatal error: %s with %q", fc.id, o.EName, o.EValue, strings.Join(o.Traceback, "\n"), fc.evalue, fc.line)
		}
	}
	after := got["after"]
	if len(after.Outputs) != 1 || strings.TrimSpace(multiline(after.Outputs[0].Text)) != "42" {
		t.Errorf("last cell outputs %+v, want 42", after.Outputs)
	}
	j.checkNoKernelsLeft(t)
}
