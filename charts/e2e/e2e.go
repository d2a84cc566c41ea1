// Package e2e checks notebook outputs in a real browser: headless Chromium
// (Debian's /usr/bin/chromium) driven by playwright-core from Node.js.
//
// A Runner opens pages, waits until their charts hold a drawn canvas (or
// until a JavaScript condition holds) and reports what the console said
// and which requests failed. The page builders in pages.go reproduce how
// JupyterLab, the classic Notebook and exported pages run an output's
// scripts; a test of a real Jupyter server can hand the Runner that
// server's URLs instead, with Steps that drive the page (run the cells,
// save, reload) and report what it shows (see charts/notebooktest).
//
// The Node side is check.mjs beside this file, with its dependencies
// pinned in package.json and package-lock.json; New installs them with
// npm ci when node_modules is missing.
//
// Outside CI, a missing node, npm or Chromium skips the test with a
// message; with CI=true in the environment it fails it.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Runner runs check.mjs. Make one with New.
type Runner struct {
	Dir      string // the directory of check.mjs and node_modules
	Node     string // path of node
	Chromium string // path of the Chromium executable
}

// Page is a page to check.
type Page struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	Selector    string `json:"selector,omitempty"`    // the charts' elements; default ".goconc-chart"
	Count       int    `json:"count,omitempty"`       // charts that must be drawn; default 1
	Until       string `json:"until,omitempty"`       // JavaScript condition to wait for instead
	TimeoutMs   int    `json:"timeoutMs,omitempty"`   // default 20000
	SettleMs    *int   `json:"settleMs,omitempty"`    // wait after drawing; default 1200
	Screenshot  string `json:"screenshot,omitempty"`  // PNG file to write
	Clip        string `json:"clip,omitempty"`        // shoot only the first element matching this
	Width       int    `json:"width,omitempty"`       // viewport; default 1000
	Height      int    `json:"height,omitempty"`      // viewport; default 800
	ColorScheme string `json:"colorScheme,omitempty"` // "light" (default) or "dark"
	Resizes     []int  `json:"resizes,omitempty"`     // viewport widths to switch to once drawn
	Steps       []Step `json:"steps,omitempty"`       // actions to take once the page is ready (and resized)
}

// Step is an action on a page that needs more than a look, such as a
// notebook to run, save and reopen. Its fields are done in their order
// here, each only if set; a step that fails (a wait that times out, an
// expression that throws) ends the page's steps.
type Step struct {
	Name       string `json:"name"`
	Reload     bool   `json:"reload,omitempty"`     // reload the page
	Eval       string `json:"eval,omitempty"`       // a JavaScript expression to evaluate (awaited if a promise)
	Until      string `json:"until,omitempty"`      // a JavaScript condition to wait for
	Count      int    `json:"count,omitempty"`      // charts that must be drawn then
	Selector   string `json:"selector,omitempty"`   // the charts' elements; default ".goconc-chart"
	Abort      string `json:"abort,omitempty"`      // a JavaScript condition that fails Until and Count as soon as it holds
	TimeoutMs  int    `json:"timeoutMs,omitempty"`  // for each of the above; default 20000
	SettleMs   int    `json:"settleMs,omitempty"`   // wait after that; default 0
	Report     string `json:"report,omitempty"`     // an expression whose JSON value StepResult.Value holds
	Screenshot string `json:"screenshot,omitempty"` // PNG file to write, last
	Clip       string `json:"clip,omitempty"`       // shoot only the first element matching this
}

// StepResult is what the browser reported of a step: the charts found
// once its waits were over (before Report), and what happened during it.
// A step that failed still reports its charts and Report's value as they
// were then, where the page could be read.
type StepResult struct {
	Name           string          `json:"name"`
	Value          json.RawMessage `json:"value"` // of Step.Report; null without one
	Charts         []Chart         `json:"charts"`
	Console        []Message       `json:"console"`
	PageErrors     []string        `json:"pageErrors"`
	FailedRequests []string        `json:"failedRequests"`
	Error          string          `json:"error"`
	Ms             int             `json:"ms"` // how long the step took, without its screenshot
}

// Problems lists what went wrong during the step, as Result.Problems does.
func (r StepResult) Problems() []string {
	return problems(r.Error, r.PageErrors, r.Console, r.FailedRequests)
}

// Chart is what the browser found of one chart element.
type Chart struct {
	ID         string  `json:"id"`
	Canvases   int     `json:"canvases"`
	Width      float64 `json:"width"`  // of the first canvas, CSS pixels
	Height     float64 `json:"height"` // of the first canvas, CSS pixels
	TextHidden bool    `json:"textHidden"`
}

// Message is a console message.
type Message struct {
	Type string `json:"type"` // "log", "warning", "error", ..., or "dialog" (accepted)
	Text string `json:"text"`
	Step int    `json:"step"` // 0 while the page loaded, i during its Steps[i-1]
}

// Result is what the browser reported of a page.
type Result struct {
	Name           string    `json:"name"`
	Charts         []Chart   `json:"charts"`
	Resized        [][]Chart `json:"resized"` // the charts after each of Page.Resizes
	Console        []Message `json:"console"`
	PageErrors     []string  `json:"pageErrors"`
	FailedRequests []string  `json:"failedRequests"`
	Error          string    `json:"error"` // the wait timed out, or the page did not load
	// The results of Page.Steps, up to the first that failed. The
	// messages above include theirs.
	Steps []StepResult `json:"steps"`
}

// Problems lists what went wrong on the page: an error, uncaught
// exceptions, console errors and failed requests.
// It does not include the errors of Steps: see their own Problems.
func (r Result) Problems() []string {
	return problems(r.Error, r.PageErrors, r.Console, r.FailedRequests)
}

func problems(err string, pageErrors []string, console []Message, failed []string) []string {
	var p []string
	if err != "" {
		p = append(p, "error: "+err)
	}
	for _, e := range pageErrors {
		p = append(p, "uncaught: "+e)
	}
	for _, m := range console {
		if m.Type == "error" {
			p = append(p, "console error: "+m.Text)
		}
	}
	for _, f := range failed {
		p = append(p, "request failed: "+f)
	}
	return p
}

// CI reports whether the tests run in CI (CI=true), where missing tools
// fail the tests instead of skipping them.
func CI() bool { return os.Getenv("CI") == "true" }

// Unavailable skips the test because a tool it needs is missing, or fails
// it under CI.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if CI() {
		t.Fatalf("browser test cannot run under CI=true: %s", msg)
	}
	t.Skipf("skipping browser test: %s", msg)
}

// Dir returns the directory of this package's source, where check.mjs and
// node_modules are.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

var installOnce sync.Once
var installErr error

// New finds node and Chromium (GOCONC_CHROMIUM, else /usr/bin/chromium)
// and makes sure check.mjs's dependencies are installed.
func New(t testing.TB) *Runner {
	t.Helper()
	r := &Runner{Dir: Dir(), Chromium: os.Getenv("GOCONC_CHROMIUM")}
	if r.Chromium == "" {
		r.Chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(r.Chromium); err != nil {
		Unavailable(t, "no Chromium at %s (apt-get install chromium)", r.Chromium)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		Unavailable(t, "node not found")
	}
	r.Node = node
	installOnce.Do(func() { installErr = r.install() })
	if installErr != nil {
		Unavailable(t, "%v", installErr)
	}
	return r
}

// install runs npm ci in Dir unless node_modules has what check.mjs needs.
func (r *Runner) install() error {
	if _, err := os.Stat(filepath.Join(r.Dir, "node_modules", "playwright-core", "package.json")); err == nil {
		if _, err := os.Stat(filepath.Join(r.Dir, "node_modules", "requirejs", "require.js")); err == nil {
			return nil
		}
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("npm not found to install %s/node_modules", r.Dir)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = r.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in %s: %v\n%s", r.Dir, err, out)
	}
	return nil
}

// RequireJS returns the source of RequireJS from node_modules, to serve to
// pages that play the classic Notebook.
func (r *Runner) RequireJS(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(r.Dir, "node_modules", "requirejs", "require.js"))
	if err != nil {
		t.Fatalf("reading require.js: %v", err)
	}
	return src
}

// Check opens the pages, one browser context each, and returns what the
// browser found, in order. It fails the test if the browser cannot run.
func (r *Runner) Check(t testing.TB, pages ...Page) []Result {
	t.Helper()
	spec, err := json.Marshal(map[string]any{"chromium": r.Chromium, "pages": pages})
	if err != nil {
		t.Fatal(err)
	}
	specFile := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(specFile, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.Node, filepath.Join(r.Dir, "check.mjs"), specFile)
	cmd.Dir = r.Dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("check.mjs: %v\n%s", err, stderr.String())
	}
	var out struct {
		Pages []Result `json:"pages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("check.mjs printed %q: %v\n%s", strings.TrimSpace(stdout.String()), err, stderr.String())
	}
	return out.Pages
}
