// Package notebooks_test checks the course's notebooks: their structure,
// that they run top to bottom in a fresh kernel (through goconc run and
// through nbclient against the installed kernelspec), and that the
// reference solution of every exercise passes its own check.
package notebooks_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Conventions of a course notebook (NN-name.ipynb, NN from 00 to 12):
//   - the first cell is Markdown starting with "# " and has a "Learning goals" section;
//   - a Markdown cell has a "## Summary" section;
//   - an exercise is a code cell tagged "exercise" (metadata.goconc.exercise = NAME)
//     holding the reader's starting point, followed by a Markdown cell tagged
//     "solution" whose ```go block replaces it, and a code cell tagged "check"
//     calling exercise.Check;
//   - no outputs are saved.

var (
	buildOnce sync.Once
	goconcBin string
	buildErr  error
)

// binary builds goconc once for the package's tests.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "goconc-notebooks-")
		if err != nil {
			buildErr = err
			return
		}
		goconcBin = filepath.Join(dir, "goconc")
		out, err := exec.Command("go", "build", "-o", goconcBin, "..").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return goconcBin
}

type notebook struct {
	Cells []struct {
		CellType string         `json:"cell_type"`
		Source   any            `json:"source"`
		Metadata map[string]any `json:"metadata"`
		Outputs  []any          `json:"outputs"`
	} `json:"cells"`
	Metadata map[string]any `json:"metadata"`
	NBFormat int            `json:"nbformat"`
	Minor    int            `json:"nbformat_minor"`
}

func source(s any) string {
	switch s := s.(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			b.WriteString(fmt.Sprint(l))
		}
		return b.String()
	}
	return ""
}

func tags(md map[string]any) []string {
	raw, _ := md["tags"].([]any)
	var out []string
	for _, t := range raw {
		out = append(out, fmt.Sprint(t))
	}
	return out
}

func hasTag(md map[string]any, tag string) bool {
	for _, t := range tags(md) {
		if t == tag {
			return true
		}
	}
	return false
}

var courseName = regexp.MustCompile(`^\d\d-[a-z0-9-]+\.ipynb$`)

// courseNotebooks lists the notebooks of the course (the gallery included).
func courseNotebooks(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if courseName.MatchString(f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatal("no notebooks")
	}
	return out
}

func read(t *testing.T, path string) notebook {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb
}

// isLesson reports whether a notebook is a lesson (00–12) rather than an
// appendix such as the chart gallery (99).
func isLesson(path string) bool { return path < "13" }

func TestStructure(t *testing.T) {
	for _, path := range courseNotebooks(t) {
		t.Run(path, func(t *testing.T) {
			nb := read(t, path)
			if nb.NBFormat != 4 || nb.Minor < 5 {
				t.Errorf("nbformat %d.%d, want 4.5", nb.NBFormat, nb.Minor)
			}
			if ks, _ := nb.Metadata["kernelspec"].(map[string]any); ks["name"] != "goconc" {
				t.Errorf("kernelspec %v, want goconc", nb.Metadata["kernelspec"])
			}
			if len(nb.Cells) == 0 || nb.Cells[0].CellType != "markdown" || !strings.HasPrefix(source(nb.Cells[0].Source), "# ") {
				t.Fatal("the first cell must be Markdown with a # title")
			}
			for i, c := range nb.Cells {
				if len(c.Outputs) > 0 {
					t.Errorf("cell %d has saved outputs", i)
				}
			}
			if !isLesson(path) {
				return
			}
			if !strings.Contains(strings.ToLower(source(nb.Cells[0].Source)), "learning goals") {
				t.Error("the first cell has no Learning goals")
			}
			summary := false
			for _, c := range nb.Cells {
				if c.CellType == "markdown" && strings.Contains(source(c.Source), "## Summary") {
					summary = true
				}
			}
			if !summary {
				t.Error("no ## Summary section")
			}
			if n := len(exercises(t, nb)); n < 2 {
				t.Errorf("%d checked exercises, want at least 2", n)
			}
		})
	}
}

// exercise is one exercise of a notebook: the index of its cell and the
// reference solution that replaces it.
type exercise struct {
	name     string
	cell     int
	solution string
}

var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// exercises finds each exercise cell with its solution and check cells.
func exercises(t *testing.T, nb notebook) []exercise {
	t.Helper()
	var out []exercise
	for i, c := range nb.Cells {
		if c.CellType != "code" || !hasTag(c.Metadata, "exercise") {
			continue
		}
		name := ""
		if g, ok := c.Metadata["goconc"].(map[string]any); ok {
			name, _ = g["exercise"].(string)
		}
		var solution string
		checked := false
		for _, d := range nb.Cells[i+1:] {
			if d.CellType == "code" && hasTag(d.Metadata, "exercise") {
				break
			}
			if d.CellType == "markdown" && hasTag(d.Metadata, "solution") && solution == "" {
				if m := goBlock.FindStringSubmatch(source(d.Source)); m != nil {
					solution = m[1]
				}
			}
			if d.CellType == "code" && hasTag(d.Metadata, "check") && strings.Contains(source(d.Source), "exercise.Check(") {
				checked = true
			}
		}
		switch {
		case name == "":
			t.Errorf("exercise cell %d has no metadata.goconc.exercise name", i)
		case solution == "":
			t.Errorf("exercise %q has no solution cell with a ```go block", name)
		case !checked:
			t.Errorf("exercise %q has no check cell calling exercise.Check", name)
		default:
			out = append(out, exercise{name, i, solution})
		}
	}
	return out
}

// withSolutions writes a copy of the notebook in which every exercise cell
// holds its reference solution.
func withSolutions(t *testing.T, path, dir string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	cells := raw["cells"].([]any)
	for _, ex := range exercises(t, read(t, path)) {
		cells[ex.cell].(map[string]any)["source"] = ex.solution
	}
	out, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, path)
	if err := os.WriteFile(dst, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// goconcRun runs notebooks with goconc run, prefixed by the command
// wrapper (such as taskset) if any, fails the test on error, and returns
// the directory that holds the executed notebooks.
func goconcRun(t *testing.T, env, wrapper []string, paths ...string) string {
	t.Helper()
	return goconcRunTimeout(t, 2*time.Minute, env, wrapper, paths...)
}

// goconcRunTimeout is goconcRun with cellTimeout for each cell instead of
// two minutes.
func goconcRunTimeout(t *testing.T, cellTimeout time.Duration, env, wrapper []string, paths ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	dir := t.TempDir()
	args := append([]string{binary(t), "run", "--timeout", cellTimeout.String(), "-o", dir}, paths...)
	args = append(slices.Clone(wrapper), args...)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	t.Logf("%s:\n%s", strings.Join(append(wrapper, "goconc run"), " "), out)
	if err != nil {
		t.Fatalf("goconc run failed: %v", err)
	}
	return dir
}

func TestRunAsShipped(t *testing.T) {
	for _, path := range courseNotebooks(t) {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			dir := goconcRun(t, nil, nil, path)
			noContradictions(t, filepath.Join(dir, path))
		})
	}
}

func TestSolutionsPassTheirChecks(t *testing.T) {
	for _, path := range courseNotebooks(t) {
		if !isLesson(path) {
			continue
		}
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			solved := withSolutions(t, path, t.TempDir())
			goconcRun(t, []string{"GOCONC_EXERCISE_STRICT=1"}, nil, solved)
		})
	}
}

// TestNbclient runs every notebook with nbclient against the kernelspec
// installed in a temporary prefix, as Jupyter would.
func TestNbclient(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import nbclient, nbformat").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("nbclient is missing (apt-get install python3-nbclient): %v", err)
		}
		t.Skipf("nbclient is missing (apt-get install python3-nbclient): %v", err)
	}
	prefix := t.TempDir()
	if out, err := exec.Command(binary(t), "install", "--prefix", prefix).CombinedOutput(); err != nil {
		t.Fatalf("install: %v\n%s", err, out)
	}
	script := `
import sys, nbformat
from nbclient import NotebookClient
failed = 0
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, kernel_name="goconc", timeout=120, resources={"metadata": {"path": "."}}).execute()
        print("ok", path)
    except Exception as e:
        failed += 1
        print("FAILED", path, type(e).__name__, str(e)[:2000])
sys.exit(1 if failed else 0)
`
	home := t.TempDir()
	cmd := exec.Command(py, append([]string{"-c", script}, courseNotebooks(t)...)...)
	cmd.Env = append(os.Environ(),
		"JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"),
		"JUPYTER_DATA_DIR="+filepath.Join(home, "data"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(home, "runtime"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(home, "config"),
		"PYDEVD_DISABLE_FILE_VALIDATION=1")
	out, err := cmd.CombinedOutput()
	t.Logf("nbclient:\n%s", out)
	if err != nil {
		t.Fatalf("nbclient: %v", err)
	}
}
