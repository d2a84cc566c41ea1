package notebooktest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/charts/e2e"
)

// gallery is the notebook under test, in notebooks/.
const gallery = "99-chart-gallery.ipynb"

// chartMarker is in the text/html of every chart output and of nothing
// else: the class of the element a chart is drawn in.
const chartMarker = `class="goconc-chart"`

// JavaScript run in the classic Notebook's page, which has window.Jupyter.
const (
	// kernelReady: the notebook is loaded and its kernel answered
	// kernel_info.
	kernelReady = `!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded &&
		Jupyter.notebook.kernel && Jupyter.notebook.kernel.info_reply &&
		Jupyter.notebook.kernel.info_reply.language_info)`

	// notebookLoaded: the notebook's cells and outputs are on the page.
	notebookLoaded = `!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded)`

	// runAll records the kernel's IOPub messages (to see the display
	// updates) and runs every cell.
	runAll = `(() => {
		const k = Jupyter.notebook.kernel;
		const seen = window.goconcIOPub = [];
		const handle = k._handle_iopub_message;
		k._handle_iopub_message = function (msg) {
			const c = msg.content || {};
			const d = c.data || {};
			const text = [].concat(d['text/plain'] || '').join('');
			seen.push({type: msg.header.msg_type, displayId: (c.transient || {}).display_id || '',
				text: text.slice(0, 400), chart: [].concat(d['text/html'] || '').join('').indexOf(` + "'" + chartMarker + "'" + `) >= 0});
			return handle.call(this, msg);
		};
		Jupyter.notebook.execute_all_cells();
		return true;
	})()`

	// allRun: every code cell has an execution count and the kernel is
	// idle.
	allRun = `(() => {
		const nb = Jupyter.notebook;
		const cells = nb.get_cells().filter((c) => c.cell_type === 'code');
		return !nb.kernel_busy && cells.length > 0 &&
			cells.every((c) => typeof c.input_prompt_number === 'number');
	})()`

	// report describes the notebook: its kernel, trust, and per code cell
	// the execution count, outputs and chart elements.
	report = `(() => {
		const nb = Jupyter.notebook;
		const str = (v) => [].concat(v == null ? '' : v).join('');
		return {
			kernel: nb.kernel ? nb.kernel.name : '',
			trusted: nb.trusted === true,
			dirty: !!nb.dirty,
			cells: nb.get_cells().filter((c) => c.cell_type === 'code').map((c) => ({
				count: typeof c.input_prompt_number === 'number' ? c.input_prompt_number : -1,
				trusted: !!c.output_area.trusted,
				outputs: c.output_area.outputs.map((o) => {
					const d = o.data || {};
					return {type: o.output_type, name: o.name || '', ename: o.ename || '', evalue: o.evalue || '',
						chart: str(d['text/html']).indexOf(` + "'" + chartMarker + "'" + `) >= 0,
						text: str(d['text/plain'] || o.text).slice(0, 400)};
				}),
				charts: Array.from(c.element[0].querySelectorAll('.goconc-chart')).map((el) => el.id),
				fallback: Array.from(c.element[0].querySelectorAll('.goconc-chart')).some((el) =>
					el.textContent.indexOf('Chart not drawn') >= 0),
			})),
			iopub: window.goconcIOPub || [],
			// How the page got ECharts: the classic Notebook has RequireJS.
			echarts: window.require && require.defined && require.defined('goconc-echarts') ? 'requirejs'
				: window.echarts ? 'global' : 'none',
			echartsFetches: performance.getEntriesByType('resource')
				.filter((e) => e.name.indexOf('/kernelspecs/goconc/echarts.min.js') >= 0).length,
		};
	})()`

	// failed: a cell failed, or a chart shows its text table instead:
	// waiting longer is useless.
	failed = `(() => !!document.querySelector('.output_error') ||
		Array.from(document.querySelectorAll('.goconc-chart')).some((el) =>
			el.textContent.indexOf('Chart not drawn') >= 0))()`

	// save saves the notebook through the server, which signs it as
	// trusted: all its outputs came from this browser session.
	save  = `Jupyter.notebook.save_notebook().then(() => true)`
	saved = `!Jupyter.notebook.dirty`

	// unroll lets the page grow to the notebook's height, for a full-page
	// screenshot: the classic Notebook scrolls inside #site.
	unroll = `(() => {
		for (const el of [document.documentElement, document.body, document.getElementById('site')]) {
			if (el) { el.style.height = 'auto'; el.style.overflow = 'visible'; }
		}
		return true;
	})()`
)

// notebookReport is the value of report.
type notebookReport struct {
	Kernel  string `json:"kernel"`
	Trusted bool   `json:"trusted"`
	Dirty   bool   `json:"dirty"`
	Cells   []struct {
		Count   int  `json:"count"`
		Trusted bool `json:"trusted"`
		Outputs []struct {
			Type   string `json:"type"`
			Name   string `json:"name"`
			Ename  string `json:"ename"`
			Evalue string `json:"evalue"`
			Chart  bool   `json:"chart"`
			Text   string `json:"text"`
		} `json:"outputs"`
		Charts   []string `json:"charts"`
		Fallback bool     `json:"fallback"`
	} `json:"cells"`
	ECharts        string `json:"echarts"`        // "requirejs", "global" or "none"
	EChartsFetches int    `json:"echartsFetches"` // requests for the kernelspec's echarts.min.js
	IOPub          []struct {
		Type      string `json:"type"`
		DisplayID string `json:"displayId"`
		Text      string `json:"text"`
		Chart     bool   `json:"chart"`
	} `json:"iopub"`
}

// galleryFacts is what the notebook file says the browser must show.
type galleryFacts struct {
	codeCells int
	charts    int // chart outputs after a headless run
	liveCell  int // index among the code cells of the cell using charts.NewLive, or -1
}

// readNotebook reads the code cells of a notebook: their sources and the
// text/html of their outputs.
func readNotebook(t testing.TB, path string) (sources []string, htmls [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
			Outputs  []struct {
				Data map[string]json.RawMessage `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		sources = append(sources, multiline(c.Source))
		var hs []string
		for _, o := range c.Outputs {
			if h, ok := o.Data["text/html"]; ok {
				hs = append(hs, multiline(h))
			}
		}
		htmls = append(htmls, hs)
	}
	return sources, htmls
}

// multiline decodes an nbformat multiline string: a string or a list of
// strings.
func multiline(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var lines []string
	_ = json.Unmarshal(raw, &lines)
	return strings.Join(lines, "")
}

// drawn reports whether a chart the browser found is drawn: a canvas of
// nonzero size, with the text table hidden.
func drawn(c e2e.Chart) bool {
	return c.Canvases > 0 && c.Width > 0 && c.Height > 0 && c.TextHidden
}

// TestClassicNotebook runs the chart gallery in the classic Notebook in
// headless Chromium and checks that every chart draws: after running all
// cells, and again after saving and reloading the page (outputs from the
// file, trusted, not run again). It also checks that a charts.NewLive
// display ends in its final state, updated in place, and that the page
// goconc run --html exports draws the same charts without a server.
func TestClassicNotebook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser test")
	}
	start := time.Now()
	r := requireTools(t)
	root := moduleRoot(t)
	tmp := t.TempDir()
	shots := e2e.ArtifactsDir(t, t.Name())

	// goconc, its kernelspec, and the gallery run headless: the HTML
	// export, and the number of charts the browser must find.
	bin := goconcBinary(t, root, tmp)
	prefix := filepath.Join(tmp, "prefix")
	runGoconc(t, bin, "install", "--prefix", prefix)
	nbDir := filepath.Join(tmp, "notebooks")
	if err := os.MkdirAll(nbDir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "notebooks", gallery))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(nbDir, gallery), src, 0o644); err != nil {
		t.Fatal(err)
	}
	jupyterPath := filepath.Join(prefix, "share", "jupyter")
	srv := startNotebook(t, jupyterPath, nbDir, tmp)

	headless := filepath.Join(tmp, "headless")
	htmlDir := filepath.Join(tmp, "html")
	if err := os.MkdirAll(headless, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(headless, gallery), src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := runGoconc(t, bin, "run", "-o", filepath.Join(headless, "out"), "--html", htmlDir, filepath.Join(headless, gallery))
	t.Logf("goconc run: %s", strings.TrimSpace(out))
	facts := galleryFacts{liveCell: -1}
	sources, htmls := readNotebook(t, filepath.Join(headless, "out", gallery))
	facts.codeCells = len(sources)
	for i, hs := range htmls {
		for _, h := range hs {
			if strings.Contains(h, chartMarker) {
				facts.charts++
			}
		}
		if strings.Contains(sources[i], "charts.NewLive(") {
			facts.liveCell = i
		}
	}
	if facts.charts == 0 {
		t.Fatalf("the headless run of %s shows no charts", gallery)
	}
	exported := filepath.Join(htmlDir, strings.TrimSuffix(gallery, ".ipynb")+".html")
	page, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "/* Apache ECharts "); n != 1 {
		t.Errorf("the exported page holds the ECharts script %d times, want once", n)
	}

	settle := 0
	run := []e2e.Step{
		{Name: "run all cells", Eval: runAll, Until: allRun, Count: facts.charts, Abort: failed,
			TimeoutMs: 45000, SettleMs: 800, Report: report},
		{Name: "screenshot after running", Eval: unroll, SettleMs: 500,
			Screenshot: filepath.Join(shots, "notebook-run.png")},
		{Name: "save", Eval: save, Until: saved, Report: report},
		{Name: "reload", Reload: true, Until: notebookLoaded, Count: facts.charts, Abort: failed,
			TimeoutMs: 30000, SettleMs: 800, Report: report},
		{Name: "screenshot after reloading", Eval: unroll, SettleMs: 500,
			Screenshot: filepath.Join(shots, "notebook-reloaded.png")},
	}
	pages := []e2e.Page{
		{Name: "notebook", URL: srv.URL + "/notebooks/" + gallery + "?token=" + srv.Token,
			Until: kernelReady, TimeoutMs: 30000, SettleMs: &settle, Width: 1100, Height: 900, Steps: run},
		{Name: "export", URL: "file://" + exported, Count: facts.charts, Width: 1100,
			Screenshot: filepath.Join(shots, "exported.png")},
	}
	browserStart := time.Now()
	results := r.Check(t, pages...)
	if len(results) != len(pages) {
		t.Fatalf("%d results for %d pages", len(results), len(pages))
	}
	nb, exp := results[0], results[1]
	for _, p := range nb.Problems() {
		t.Errorf("notebook: %s", p)
	}
	for _, s := range nb.Steps {
		if s.Error != "" {
			t.Errorf("notebook, step %q: %s", s.Name, s.Error)
		}
		t.Logf("notebook, step %q: %d ms, %d charts", s.Name, s.Ms, len(s.Charts))
		if s.Paint != nil && len(s.Paint.Charts) > 0 {
			t.Logf("notebook, step %q: time to paint: %s", s.Name, s.Paint)
		}
	}
	// Nothing may leave the machine: nb.Problems and exp.Problems report
	// such requests; the counts show that requests were recorded at all.
	t.Logf("notebook: %d requests (page, steps and WebSockets), %d offsite; export: %d requests, %d offsite",
		len(nb.Requests), len(e2e.Offsite(nb.Requests)), len(exp.Requests), len(e2e.Offsite(exp.Requests)))
	if len(nb.Requests) == 0 || len(exp.Requests) == 0 {
		t.Errorf("no requests recorded: notebook %d, export %d", len(nb.Requests), len(exp.Requests))
	}
	t.Logf("notebook: time to paint: %s", nb.Paint)
	t.Logf("export: time to paint: %s", exp.Paint)
	checkMessages(t, "notebook", nb.Console)
	if len(nb.Steps) == 0 {
		t.Fatalf("notebook: the page did not get ready to run")
	}

	// After running every cell in the browser.
	ran := decodeReport(t, nb.Steps[0])
	if len(nb.Steps) != len(run) {
		checkCells(t, "running", ran, facts) // why it failed, if it can tell
		t.Fatalf("notebook: %d of %d steps done", len(nb.Steps), len(run))
	}
	if ran.Kernel != "goconc" {
		t.Errorf("the notebook ran on kernel %q, want goconc", ran.Kernel)
	}
	checkCells(t, "after running", ran, facts)
	checkCharts(t, "after running", nb.Steps[0].Charts, facts.charts)
	checkECharts(t, "after running", ran)
	if facts.liveCell >= 0 {
		checkLive(t, ran, facts.liveCell)
	} else {
		t.Logf("%s has no charts.NewLive cell: display updates not checked", gallery)
	}

	// Saved and reopened: the outputs come from the file, trusted, and
	// draw again without running anything.
	if sv := decodeReport(t, nb.Steps[2]); sv.Dirty {
		t.Errorf("the notebook is still dirty after saving")
	}
	re := decodeReport(t, nb.Steps[3])
	if !re.Trusted {
		t.Errorf("the saved notebook reopens untrusted: its charts cannot draw")
	}
	checkCells(t, "after reloading", re, facts)
	checkCharts(t, "after reloading", nb.Steps[3].Charts, facts.charts)
	checkECharts(t, "after reloading", re)
	if len(re.Cells) == len(ran.Cells) {
		for i := range re.Cells {
			if re.Cells[i].Count != ran.Cells[i].Count || !slices.Equal(re.Cells[i].Charts, ran.Cells[i].Charts) {
				t.Errorf("after reloading, code cell %d is In [%d] with charts %v; it was In [%d] with charts %v: run again?",
					i+1, re.Cells[i].Count, re.Cells[i].Charts, ran.Cells[i].Count, ran.Cells[i].Charts)
			}
		}
	}

	// The exported page, from a file: no server at all.
	for _, p := range exp.Problems() {
		t.Errorf("export: %s", p)
	}
	checkMessages(t, "export", exp.Console)
	checkCharts(t, "exported page", exp.Charts, facts.charts)

	t.Logf("%d code cells, %d charts drawn after running (kernel %s), after reloading and in the exported page; browser %.1fs, whole test %.1fs",
		facts.codeCells, facts.charts, ran.Kernel, time.Since(browserStart).Seconds(), time.Since(start).Seconds())
	e2e.LogScreenshots(t, filepath.Join(shots, "notebook-run.png"), filepath.Join(shots, "notebook-reloaded.png"),
		filepath.Join(shots, "exported.png"))
}

func decodeReport(t *testing.T, s e2e.StepResult) notebookReport {
	t.Helper()
	var rep notebookReport
	if err := json.Unmarshal(s.Value, &rep); err != nil {
		t.Fatalf("step %q reported %s: %v", s.Name, s.Value, err)
	}
	return rep
}

// checkCells checks that every code cell ran, in order, without errors,
// and shows as many charts as the headless run, none as a text fallback.
func checkCells(t *testing.T, when string, rep notebookReport, facts galleryFacts) {
	t.Helper()
	if len(rep.Cells) != facts.codeCells {
		t.Errorf("%s: %d code cells on the page, want %d", when, len(rep.Cells), facts.codeCells)
	}
	last, charts := 0, 0
	for i, c := range rep.Cells {
		if c.Count <= last {
			t.Errorf("%s: code cell %d has execution count %d after %d", when, i+1, c.Count, last)
		}
		last = c.Count
		if !c.Trusted {
			t.Errorf("%s: code cell %d's outputs are not trusted", when, i+1)
		}
		for _, o := range c.Outputs {
			switch {
			case o.Type == "error":
				t.Errorf("%s: code cell %d failed: %s: %s", when, i+1, o.Ename, o.Evalue)
			case o.Type == "stream" && o.Name == "stderr":
				t.Errorf("%s: code cell %d wrote to stderr: %s", when, i+1, o.Text)
			case o.Chart:
				charts++
			}
		}
		if c.Fallback {
			t.Errorf("%s: code cell %d shows a chart's text table instead of the chart", when, i+1)
		}
	}
	if charts != facts.charts {
		t.Errorf("%s: %d chart outputs, want %d as in the headless run", when, charts, facts.charts)
	}
}

// checkCharts checks that the browser found want charts, all drawn.
func checkCharts(t *testing.T, when string, charts []e2e.Chart, want int) {
	t.Helper()
	n := 0
	for _, c := range charts {
		if drawn(c) {
			n++
		} else {
			t.Errorf("%s: chart %s not drawn: %+v", when, c.ID, c)
		}
	}
	if len(charts) != want {
		t.Errorf("%s: %d chart elements, want %d", when, len(charts), want)
	}
	if len(charts) > 0 {
		t.Logf("%s: %d of %d charts drawn, first %.0f×%.0f px", when, n, len(charts), charts[0].Width, charts[0].Height)
	}
}

// checkECharts checks that the page loaded the kernelspec's ECharts once,
// as a RequireJS module: the classic Notebook's way.
func checkECharts(t *testing.T, when string, rep notebookReport) {
	t.Helper()
	if rep.ECharts != "requirejs" || rep.EChartsFetches != 1 {
		t.Errorf("%s: ECharts loaded as %q, fetched %d times; want as a RequireJS module, once",
			when, rep.ECharts, rep.EChartsFetches)
	}
}

// checkMessages fails the test for any console message about charts: a
// chart that could not draw says so with a warning.
func checkMessages(t *testing.T, page string, msgs []e2e.Message) {
	t.Helper()
	for _, m := range msgs {
		low := strings.ToLower(m.Text)
		if m.Type != "error" && (strings.Contains(low, "goconc") || strings.Contains(low, "echarts") ||
			strings.Contains(low, "chart not drawn")) {
			text, _, cut := strings.Cut(m.Text, "\n")
			if cut {
				text += " …"
			}
			t.Errorf("%s: console %s: %s", page, m.Type, text)
		}
		if m.Type == "dialog" {
			t.Errorf("%s: unexpected %s", page, m.Text)
		}
	}
}

// checkLive checks the charts.NewLive cell: one output, updated in place
// by update_display_data messages, in its final state with its chart.
func checkLive(t *testing.T, rep notebookReport, cell int) {
	t.Helper()
	if cell >= len(rep.Cells) {
		return
	}
	c := rep.Cells[cell]
	if len(c.Outputs) != 1 {
		t.Errorf("live cell %d has %d outputs, want 1 updated in place: %+v", cell+1, len(c.Outputs), c.Outputs)
		return
	}
	o := c.Outputs[0]
	if o.Type != "display_data" || !o.Chart || !strings.Contains(o.Text, "steps (100.0%), done") {
		t.Errorf("live cell %d does not show its final state: %s output, chart %v, text %q", cell+1, o.Type, o.Chart, o.Text)
	}
	if len(c.Charts) != 1 {
		t.Errorf("live cell %d has %d chart elements, want 1", cell+1, len(c.Charts))
	}
	// The IOPub messages of the display: shown once, then updated.
	id, updates := "", 0
	var last string
	for _, m := range rep.IOPub {
		if m.Type == "display_data" && m.DisplayID != "" && strings.Contains(m.Text, "steps (") {
			id = m.DisplayID
		}
		if m.Type == "update_display_data" && id != "" && m.DisplayID == id {
			updates++
			last = m.Text
		}
	}
	switch {
	case id == "":
		t.Errorf("live cell %d: no display_data with a display_id seen", cell+1)
	case updates == 0:
		t.Errorf("live cell %d: no update_display_data for display %s", cell+1, id)
	case !strings.Contains(last, "done"):
		t.Errorf("live cell %d: the last update says %q, want the final state", cell+1, last)
	default:
		t.Logf("live cell %d: display %s shown, then updated %d times in place; final: %q",
			cell+1, id, updates, strings.SplitN(last, "\n", 3)[:2])
	}
}
