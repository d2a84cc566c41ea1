package e2e_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goconc/goconc/internal/pyenv"
)

// conformanceSkips are the tests of Jupyter's conformance suite that do
// not apply to goconc, each with the reason testdata/conformance.py gives
// when it skips it. Any other skipped test fails TestConformance.
var conformanceSkips = map[string]string{
	"test_pager":                  "goconc has no pager",
	"test_recv_iopub_welcome_msg": "Iopub welcome messages are not supported",
}

// conformanceResult is a line of unittest -v: "test_x (module.Class.test_x)
// ... ok", "... skipped 'why'", "... FAIL", "... ERROR". A subtest adds its
// parameters after the parenthesis.
var conformanceResult = regexp.MustCompile(`(?m)^\s*(test_\w+) \(([\w.]+)\)[^\n]*?(?:\n[^\n]*?)? \.\.\. (ok|skipped .*|FAIL|ERROR|expected failure|unexpected success)$`)

// TestConformance runs jupyter_kernel_test, Jupyter's kernel conformance
// suite, against the installed goconc kernelspec, with every test that
// applies to goconc enabled (testdata/conformance.py): kernel_info,
// execute with stdout and stderr, execute_result, errors, display_data,
// clear_output, completion, inspect, is_complete, history (tail with and
// without output, range, search), and goconc's own interrupt test. The
// suite comes from the tests' virtual environment (.ci/requirements.txt).
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no conformance suite")
	}
	t.Parallel()
	py := pyenv.Require(t, "jupyter_kernel_test", "jupyter_client")
	j := newJupyterEnv(t)
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	cmd := j.command(ctxFor(t, toolTimeout), py.Python(), "-m", "unittest", "-v", "conformance")
	cmd.Dir = testdata
	cmd.Env = append(cmd.Env, "PYTHONPATH="+testdata)
	out, err := cmd.CombinedOutput()
	text := string(out)
	t.Logf("python -m unittest -v conformance:\n%s", text)
	if err != nil {
		t.Errorf("the conformance suite failed: %v", err)
	}
	ran := map[string]bool{}
	for _, m := range conformanceResult.FindAllStringSubmatch(text, -1) {
		name, result := m[1], m[3]
		ran[name] = true
		switch {
		case result == "ok":
		case strings.HasPrefix(result, "skipped"):
			why, ok := conformanceSkips[name]
			if !ok {
				t.Errorf("%s was skipped (%s): every test that applies to goconc must run", name, result)
			} else if !strings.Contains(result, why) {
				t.Errorf("%s was skipped (%s), not for the reason stated: %q", name, result, why)
			}
		default:
			t.Errorf("%s: %s", name, result)
		}
	}
	for _, name := range []string{"test_kernel_info", "test_execute_stdout", "test_execute_stderr",
		"test_execute_result", "test_error", "test_display_data", "test_clear_output", "test_completion",
		"test_inspect", "test_is_complete", "test_history", "test_interrupt"} {
		if !ran[name] {
			t.Errorf("%s did not run", name)
		}
	}
	j.checkNoKernelsLeft(t)
}
