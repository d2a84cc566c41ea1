package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// TestRunOutsideTheModule runs a notebook with goconc run from a directory
// outside goconc's module, as a reader who copied a notebook elsewhere
// would. The type checker must still find the helper packages (a two-value
// := of a helper's call in a top-level loop said "undefined: s" before),
// and type-checking net/http must not leave the cgo tool's object files in
// the temporary directory (7 files at every kernel start before).
func TestRunOutsideTheModule(t *testing.T) {
	t.Parallel()
	work, tmp := t.TempDir(), t.TempDir()
	cells := []string{
		"import (\n\t\"fmt\"\n\t\"net/http\"\n\t\"time\"\n\t\"github.com/goconc/goconc/helpers/workload\"\n)\nvar _ = http.MethodGet",
		"for _, w := range []int{1, 2} {\n\ts, _ := workload.StartService(workload.ServiceConfig{Latency: time.Millisecond})\n\tfmt.Println(w, len(s.URL()) > 0)\n\ts.Close()\n}",
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "goconc", "display_name": "Go (goconc)", "language": "go"}},
	}
	var list []map[string]any
	for i, src := range cells {
		list = append(list, map[string]any{"cell_type": "code", "id": fmt.Sprintf("c%d", i), "metadata": map[string]any{},
			"source": src, "outputs": []any{}, "execution_count": nil})
	}
	nb["cells"] = list
	data, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(work, "outside.ipynb")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goconcBin, "run", "--inplace", path)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goconc run: %v\n%s", err, out)
	}
	data, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `1 true\n2 true\n`) {
		t.Errorf("the loop's output is missing from the notebook:\n%s", data)
	}
	left, err := filepath.Glob(filepath.Join(tmp, "srcimporter*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("the kernel left %d files in its temporary directory, such as %s", len(left), left[0])
	}
}
