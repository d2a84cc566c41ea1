package notebooks_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Verdict cells (helpers/verdict) state a measured claim from the data the
// cell measured. They carry their fields as JSON under this MIME type.
const verdictMIME = "application/vnd.goconc.verdict+json"

// verdictOutput is one verdict found in an executed notebook.
type verdictOutput struct {
	Cell     int
	Claim    string `json:"claim"`
	Status   string `json:"status"`
	Measured string `json:"measured"`
	Expected string `json:"expected"`
	Reason   string `json:"reason"`
}

// verdicts returns the verdicts in the outputs of an executed notebook.
func verdicts(t *testing.T, path string) []verdictOutput {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				Data map[string]json.RawMessage `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []verdictOutput
	for i, c := range nb.Cells {
		for _, o := range c.Outputs {
			raw, ok := o.Data[verdictMIME]
			if !ok {
				continue
			}
			v := verdictOutput{Cell: i}
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Fatalf("%s cell %d: verdict: %v", path, i, err)
			}
			switch v.Status {
			case "shown", "not-shown", "contradicted":
			default:
				t.Errorf("%s cell %d: verdict status %q", path, i, v.Status)
			}
			out = append(out, v)
		}
	}
	return out
}

// noContradictions fails the test for every verdict of an executed
// notebook that reports a contradiction between its claim and its data,
// and logs the others.
func noContradictions(t *testing.T, path string) []verdictOutput {
	t.Helper()
	vs := verdicts(t, path)
	for _, v := range vs {
		line := filepath.Base(path) + "[" + strconv.Itoa(v.Cell) + "] " + v.Status + ": " + v.Claim + "\n  measured: " + v.Measured + "\n  expected: " + v.Expected
		if v.Reason != "" {
			line += "\n  why: " + v.Reason
		}
		if v.Status == "contradicted" {
			t.Errorf("contradiction: %s", line)
		} else {
			t.Log(line)
		}
	}
	return vs
}

// measuring lists the lessons whose cells judge measured claims with
// verdicts: the ones the CPU-starved runs below must re-run.
func measuring(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, path := range courseNotebooks(t) {
		for _, c := range read(t, path).Cells {
			if c.CellType == "code" && strings.Contains(source(c.Source), "verdict.") {
				out = append(out, path)
				break
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no notebook has verdict cells")
	}
	return out
}

// allowedCPUs returns the CPUs this process may run on, from the
// Cpus_allowed_list line of /proc/self/status ("0-3,6").
func allowedCPUs(t *testing.T) []int {
	t.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		list, ok := strings.CutPrefix(line, "Cpus_allowed_list:")
		if !ok {
			continue
		}
		var cpus []int
		for _, part := range strings.Split(strings.TrimSpace(list), ",") {
			lo, hi, isRange := strings.Cut(part, "-")
			a, err1 := strconv.Atoi(lo)
			b := a
			var err2 error
			if isRange {
				b, err2 = strconv.Atoi(hi)
			}
			if err1 != nil || err2 != nil {
				t.Fatalf("Cpus_allowed_list %q", list)
			}
			for c := a; c <= b; c++ {
				cpus = append(cpus, c)
			}
		}
		return cpus
	}
	t.Fatal("no Cpus_allowed_list in /proc/self/status")
	return nil
}

// taskset returns the path of taskset(1), which the CPU-starved runs need.
func taskset(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("taskset")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("taskset is missing (apt-get install util-linux): %v", err)
		}
		t.Skipf("taskset is missing (apt-get install util-linux): %v", err)
	}
	return path
}

// slowCells bounds a cell of the CPU-starved runs: they test what the
// verdicts say, not how fast the notebooks run.
const slowCells = 5 * time.Minute

// TestVerdictsOnOneCPU runs the notebooks that judge measured claims with
// the whole kernel pinned to one CPU, as on a workshop pod with one CPU:
// no verdict may report a contradiction (the verdicts of claims that need
// more than one CPU say that they could not show). The notebooks run one
// after the other: together on one CPU, a notebook's heaviest cells would
// take minutes.
func TestVerdictsOnOneCPU(t *testing.T) {
	ts := taskset(t)
	cpu := strconv.Itoa(allowedCPUs(t)[0])
	for _, path := range measuring(t) {
		t.Run(path, func(t *testing.T) {
			dir := goconcRunTimeout(t, slowCells, nil, []string{ts, "-c", cpu}, path)
			vs := noContradictions(t, filepath.Join(dir, path))
			if len(vs) == 0 {
				t.Error("no verdict in the executed notebook")
			}
		})
	}
}

// TestVerdictsUnderLoad runs the same notebooks on every CPU while another
// process keeps one CPU busy (the second one the tests may use, or the only
// one): no verdict may report a contradiction.
func TestVerdictsUnderLoad(t *testing.T) {
	ts := taskset(t)
	cpus := allowedCPUs(t)
	busy := cpus[len(cpus)-1]
	if len(cpus) > 1 {
		busy = cpus[1]
	}
	hog := exec.Command(ts, "-c", strconv.Itoa(busy), "sh", "-c", "while :; do :; done")
	if err := hog.Start(); err != nil {
		t.Fatalf("start the CPU hog: %v", err)
	}
	t.Cleanup(func() {
		_ = hog.Process.Kill()
		_ = hog.Wait()
	})
	t.Run("notebooks", func(t *testing.T) {
		for _, path := range measuring(t) {
			t.Run(path, func(t *testing.T) {
				t.Parallel()
				dir := goconcRunTimeout(t, slowCells, nil, nil, path)
				if len(noContradictions(t, filepath.Join(dir, path))) == 0 {
					t.Error("no verdict in the executed notebook")
				}
			})
		}
	})
}
