package e2e_test

import (
	"testing"
)

// TestBlankAfterTypedBlank: a top-level `a, _, err := f()` whose middle
// result is a compiled struct made "_" a typed global in yaegi, and a later
// `_ = exercise.Check(...)` (a bool) then panicked with "reflect.Set: value
// of type bool is not assignable to type instrument.Stats". Found by the
// author of notebook 04.
func TestBlankAfterTypedBlank(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	for _, code := range []string{
		"import (\n\t\"context\"\n\t\"fmt\"\n\t\"github.com/goconc/goconc/helpers/exercise\"\n\t\"github.com/goconc/goconc/helpers/instrument\"\n)\nfunc three(ctx context.Context) (int, instrument.Stats, error) { return 1, instrument.Stats{}, nil }",
		"ctx, cancel := context.WithCancel(context.Background())\npartial, st, err := three(ctx)\ncancel()\nfmt.Println(partial, st.Name, err)",
		"a, _, err := three(context.Background())\nfmt.Println(a, err)",
		"_ = exercise.Check(\"x\", func() error { return nil }, \"\")",
	} {
		k.exec(t, code).mustOK(t)
	}
}

// TestHelperGoroutinePanic: a panic in an interpreted callback that a
// helper runs in its own goroutine (instrument.Go, Group.Go) is reported in
// the cell instead of ending the kernel.
func TestHelperGoroutinePanic(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, "import (\n\t\"time\"\n\t\"github.com/goconc/goconc/helpers/instrument\"\n)\nx := 1").mustOK(t)
	for _, code := range []string{
		"instrument.Go(\"bad\", func() { panic(\"boom in a labelled goroutine\") })\ntime.Sleep(300 * time.Millisecond)",
		"var g instrument.Group\ng.Go(\"bad\", func() { panic(\"boom in a group\") })\ng.Wait()",
	} {
		r := k.exec(t, code)
		if got := r.rc; got["status"] != "error" || got["ename"] != "GoroutinePanic" {
			t.Errorf("%q: reply %v, want a GoroutinePanic error", code, got)
		}
	}
	k.exec(t, "x").mustOK(t) // the kernel and its state survived
}
