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
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Runner runs check.mjs. Make one with New.
type Runner struct {
	Dir      string // the directory of check.mjs and node_modules
	Node     string // path of node
	Chromium string // path of the Chromium executable
	// Timeout bounds one Check, all its pages and steps; 0 means 3 minutes.
	Timeout time.Duration
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
	Name       string   `json:"name"`
	Reload     bool     `json:"reload,omitempty"`     // reload the page
	Eval       string   `json:"eval,omitempty"`       // a JavaScript expression to evaluate (awaited if a promise)
	Click      string   `json:"click,omitempty"`      // a CSS selector whose first visible match gets a real mouse click
	Press      []string `json:"press,omitempty"`      // keys to press after that, such as "Tab" or "Shift+Tab"
	Until      string   `json:"until,omitempty"`      // a JavaScript condition to wait for
	Count      int      `json:"count,omitempty"`      // charts that must be drawn then
	Selector   string   `json:"selector,omitempty"`   // the charts' elements; default ".goconc-chart"
	Abort      string   `json:"abort,omitempty"`      // a JavaScript condition that fails Until and Count as soon as it holds
	TimeoutMs  int      `json:"timeoutMs,omitempty"`  // for each of the above; default 20000
	SettleMs   int      `json:"settleMs,omitempty"`   // wait after that; default 0
	Report     string   `json:"report,omitempty"`     // an expression whose JSON value StepResult.Value holds
	Screenshot string   `json:"screenshot,omitempty"` // PNG file to write, last
	Clip       string   `json:"clip,omitempty"`       // shoot only the first element matching this
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
	Requests       []string        `json:"requests"` // every URL requested during the step (see Result.Requests)
	Paint          *Paint          `json:"paint"`    // charts drawn during the step, from its start; nil if the page was gone
	Error          string          `json:"error"`
	Ms             int             `json:"ms"` // how long the step took, without its screenshot
}

// Problems lists what went wrong during the step, as Result.Problems does.
func (r StepResult) Problems() []string {
	return problems(r.Error, r.PageErrors, r.Console, r.FailedRequests, r.Requests)
}

// Paint is when a page painted, in milliseconds since its document's
// navigation started (the page's performance.now()).
type Paint struct {
	StartMs                int          `json:"startMs"`                // when the page or step started: 0, or a step's start
	FirstPaintMs           int          `json:"firstPaintMs"`           // the browser's first-paint entry, -1 if none
	FirstContentfulPaintMs int          `json:"firstContentfulPaintMs"` // first-contentful-paint, -1 if none
	Charts                 []ChartPaint `json:"charts"`                 // the charts drawn since StartMs, in the order they were
}

// ChartPaint is when a chart element first held a canvas of nonzero size.
type ChartPaint struct {
	ID string `json:"id"`
	Ms int    `json:"ms"` // since navigation started
}

// String reports the times since StartMs: the first paint (of a page) and
// when each chart was drawn.
func (p *Paint) String() string {
	if p == nil {
		return "no paint times (the page was gone)"
	}
	var b strings.Builder
	if p.StartMs == 0 && p.FirstPaintMs >= 0 {
		fmt.Fprintf(&b, "first paint %d ms, first contentful paint %d ms; ", p.FirstPaintMs, p.FirstContentfulPaintMs)
	}
	if len(p.Charts) == 0 {
		b.WriteString("no chart drawn")
		return b.String()
	}
	fmt.Fprintf(&b, "%d charts drawn at", len(p.Charts))
	for i, c := range p.Charts {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %d", c.Ms-p.StartMs)
	}
	fmt.Fprintf(&b, " ms (first %d ms, last %d ms after the start)", p.Charts[0].Ms-p.StartMs, p.Charts[len(p.Charts)-1].Ms-p.StartMs)
	return b.String()
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
	// Every URL the page requested (its scripts, styles, fetches, workers'
	// requests) or opened a WebSocket to, in order, with its steps'.
	Requests []string `json:"requests"`
	// When the page and its charts were drawn, once they were; nil if the
	// page did not get there.
	Paint *Paint `json:"paint"`
	Error string `json:"error"` // the wait timed out, or the page did not load
	// The results of Page.Steps, up to the first that failed. The
	// messages above include theirs.
	Steps []StepResult `json:"steps"`
}

// Problems lists what went wrong on the page: an error, uncaught
// exceptions, console errors, failed requests and requests that left the
// machine (see Offsite), its steps' included.
// It does not include the errors of Steps: see their own Problems.
func (r Result) Problems() []string {
	return problems(r.Error, r.PageErrors, r.Console, r.FailedRequests, r.Requests)
}

// Offsite returns the URLs that leave the machine: all but file:, data:,
// blob: and about: URLs and those of http, https, ws and wss on 127.0.0.1
// (or another loopback address) or localhost. Charts must draw offline.
func Offsite(urls []string) []string {
	var out []string
	for _, u := range urls {
		if !local(u) {
			out = append(out, u)
		}
	}
	return out
}

func local(raw string) bool {
	u, err := url.Parse(strings.TrimSuffix(raw, "…"))
	if err != nil {
		// A data: URL cut short may not parse; its scheme is enough.
		scheme, _, _ := strings.Cut(raw, ":")
		return slices.Contains([]string{"data", "blob", "about", "file"}, strings.ToLower(scheme))
	}
	switch strings.ToLower(u.Scheme) {
	case "file", "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		host := strings.ToLower(u.Hostname())
		if host == "localhost" || strings.HasSuffix(host, ".localhost") {
			return true
		}
		ip := net.ParseIP(host)
		return ip != nil && ip.IsLoopback()
	}
	return false
}

func problems(err string, pageErrors []string, console []Message, failed, requests []string) []string {
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
	for _, u := range Offsite(requests) {
		p = append(p, "request left the machine: "+u)
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
// Test binaries of several packages may get here at once (go test runs
// packages in parallel): a lock file makes them take turns, and the ones
// that wait find the modules installed.
func (r *Runner) install() error {
	installed := func() bool {
		_, err1 := os.Stat(filepath.Join(r.Dir, "node_modules", "playwright-core", "package.json"))
		_, err2 := os.Stat(filepath.Join(r.Dir, "node_modules", "requirejs", "require.js"))
		return err1 == nil && err2 == nil
	}
	if installed() {
		return nil
	}
	lock, err := os.OpenFile(filepath.Join(r.Dir, ".npm-install.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("locking the npm install: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("locking the npm install: %w", err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if installed() {
		return nil
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
	timeout := r.Timeout
	if timeout == 0 {
		timeout = 3 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
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

// ArtifactsDir returns the directory for the files a test keeps, such as
// its screenshots, for CI to upload: name (usually t.Name()) below
// $GOCONC_ARTIFACTS if set, else below $GOCONC_SCREENSHOTS (as before),
// else below charts/e2e/artifacts (ignored by git). It creates the
// directory and removes the PNGs a previous run left there, so that every
// screenshot in it is this run's.
func ArtifactsDir(t testing.TB, name string) string {
	t.Helper()
	base := os.Getenv("GOCONC_ARTIFACTS")
	if base == "" {
		base = os.Getenv("GOCONC_SCREENSHOTS")
	}
	if base == "" {
		base = filepath.Join(Dir(), "artifacts")
	}
	dir, err := filepath.Abs(filepath.Join(base, filepath.Base(name)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// LogScreenshots logs the path of each screenshot that exists, and an
// error for each that is missing.
func LogScreenshots(t testing.TB, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil {
			t.Errorf("screenshot %s not written: %v", p, err)
		} else {
			t.Logf("screenshot: %s (%d bytes)", p, st.Size())
		}
	}
}
