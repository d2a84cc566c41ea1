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
