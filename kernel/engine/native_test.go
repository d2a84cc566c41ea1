package engine

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func TestNativeCells(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("native cells need the go command on PATH")
	}
	e := newEngine(t, Options{})
	// An interpreted cell declares a function the native cell uses.
	if _, _, err := run(t, e, "import \"strings\"\n// shout upper-cases s.\nfunc shout(s string) string { return strings.ToUpper(s) + \"!\" }"); err != nil {
		t.Fatal(err)
	}
	r, _, err := run(t, e, "%%native\nimport \"fmt\"\nfmt.Println(shout(\"compiled\"))")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.text("stdout"); got != "COMPILED!\n" {
		t.Errorf("native output %q", got)
	}

	_, _, err = run(t, e, "%%native\nundefinedThing()")
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "CompileError" || !strings.Contains(ee.Value, "undefinedThing") {
		t.Errorf("compile error: %v", err)
	}

	race := `%%native -race
import ("fmt"; "sync")
var n int
var wg sync.WaitGroup
for i := 0; i < 2; i++ {
	wg.Add(1)
	go func() { defer wg.Done(); for j := 0; j < 1000; j++ { n++ } }()
}
wg.Wait()
fmt.Println("done")`
	r, _, err = run(t, e, race)
	if !errors.As(err, &ee) || !strings.Contains(ee.Value, "race detector") {
		t.Errorf("race cell: %v", err)
	}
	if !strings.Contains(r.text("stderr"), "WARNING: DATA RACE") {
		t.Errorf("no race report in stderr: %q", r.text("stderr"))
	}
	if _, _, err := run(t, e, "%%native -bogus\n"); err == nil {
		t.Error("an unknown flag was accepted")
	}
}

// TestXSyncInCellsAndNativeCells checks that golang.org/x/sync's packages
// are importable from interpreted cells (their symbol tables are linked)
// and from native cells (the cell's module resolves them through
// goconc's), and that a panic in an errgroup task is the cell's error
// instead of ending the kernel.
func TestXSyncInCellsAndNativeCells(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("native cells need the go command on PATH")
	}
	e := newEngine(t, Options{})
	cell := `import (
	"context"
	"fmt"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"
)
sem := semaphore.NewWeighted(2)
g, ctx := errgroup.WithContext(context.Background())
var sf singleflight.Group
squares := make([]int, 4)
for i := range 4 {
	g.Go(func() error {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		defer sem.Release(1)
		v, _, _ := sf.Do(fmt.Sprint(i), func() (any, error) { return i * i, nil })
		squares[i] = v.(int)
		return nil
	})
}
fmt.Println(g.Wait(), squares)`
	for _, prefix := range []string{"", "%%native\n"} {
		r, _, err := run(t, e, prefix+cell)
		if err != nil {
			t.Fatalf("%q cell: %v", prefix, err)
		}
		if got := r.text("stdout"); got != "<nil> [0 1 4 9]\n" {
			t.Errorf("%q cell printed %q", prefix, got)
		}
	}
	_, _, err := run(t, e, `var eg errgroup.Group
eg.Go(func() error { panic("task failed") })
eg.Wait()`)
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "GoroutinePanic" || ee.Value != "task failed" {
		t.Errorf("a panicking errgroup task: %v", err)
	}
	if r, _, err := run(t, e, `fmt.Println("still here")`); err != nil || r.text("stdout") != "still here\n" {
		t.Errorf("after the panic: %v %q", err, r.text("stdout"))
	}
}
