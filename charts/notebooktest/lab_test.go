package notebooktest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/charts/e2e"
	"github.com/goconc/goconc/internal/pyenv"
)

// The front ends of the workshop image, from the tests' virtual
// environment (.ci/requirements.txt pins them): JupyterLab 4.6 and
// Notebook 7.6. Both are JupyterLab applications; the test asks them to
// expose theirs as window.jupyterapp to read and drive the notebook.
var (
	jupyterLab = labFrontEnd("jupyter-lab", "LabApp",
		// Nothing from the network: no update check, no news feed.
		"--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
		"--LabApp.news_url=")
	notebook7 = labFrontEnd("jupyter-notebook", "JupyterNotebookApp") // it has neither
)

// notebook7Known is the one page error that Notebook 7.6.5 throws on its
// own: its keyboard-shortcuts settings handler reads the schema of a
// plugin the settings registry does not hold yet. It happens on every
// page, its file browser's included, with no kernel and no goconc output,
// so it is not goconc's; any other uncaught error fails the test.
const notebook7Known = "uncaught: TypeError: Cannot read properties of undefined (reading 'schema')"

// labFrontEnd is a jupyter_server application of the virtual environment;
// app is its configuration class, extra more arguments.
func labFrontEnd(exe, app string, extra ...string) frontEnd {
	return frontEnd{
		name: exe + " (venv)",
		exe:  exe, // resolved against the environment by requireLab
		args: func(port int, token, nbDir string) []string {
			return append([]string{
				"--no-browser",
				"--allow-root",
				"--ip=127.0.0.1",
				"--port=" + strconv.Itoa(port),
				"--ServerApp.port_retries=0",
				"--IdentityProvider.token=" + token,
				"--ServerApp.root_dir=" + nbDir,
				"--" + app + ".expose_app_in_browser=True",
				// No language servers to look for (jupyter_lsp): a slower start.
				"--LanguageServerManager.autodetect=False",
			}, extra...)
		},
	}
}

// requireLab returns the front end with its executable in the virtual
// environment, and the browser runner; it skips the test (fails it under
// CI) when either is missing.
func requireLab(t *testing.T, fe frontEnd) (frontEnd, *e2e.Runner) {
	t.Helper()
	env := pyenv.Require(t, "jupyterlab", "notebook")
	fe.exe = env.Bin(fe.exe)
	if _, err := os.Stat(fe.exe); err != nil {
		e2e.Unavailable(t, "no %s: %v (re-run scripts/jupyter-venv)", fe.exe, err)
	}
	r := e2e.New(t)
	r.Timeout = 8 * time.Minute // JupyterLab's first load is heavy on a busy machine
	return fe, r
}

// labJS is prepended to every expression run in a JupyterLab or Notebook 7
// page: panel() is the notebook's panel once the application shows one.
const labJS = `const panel = () => {
	const a = window.jupyterapp;
	const w = a && a.shell && a.shell.currentWidget;
	return w && w.content && w.sessionContext && w.content.widgets ? w : null;
};
const kernelOf = () => { const p = panel(); return p && p.sessionContext.session && p.sessionContext.session.kernel; };
const codeCells = () => panel().content.widgets.filter((c) => c.model.type === 'code');
const outputsOf = (c) => { const o = c.model.outputs; const out = []; for (let i = 0; i < o.length; i++) out.push(o.get(i).toJSON()); return out; };
const str = (v) => [].concat(v == null ? '' : v).join('');
`

// lab wraps body, the statements of a function returning the value, in an
// expression with labJS.
func lab(body string) string { return "(() => {\n" + labJS + body + "\n})()" }

// labAsync is lab for a body that awaits.
func labAsync(body string) string { return "(async () => {\n" + labJS + body + "\n})()" }

var (
	// labReady: the notebook is open, its kernel idle.
	labReady = lab(`const k = kernelOf();
		return !!(panel() && panel().context.isReady && panel().sessionContext.isReady && k && k.status === 'idle' &&
			codeCells().length > 0);`)

	// labRunAll clears the outputs, then runs every cell.
	labRunAll = labAsync(`await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
		window.jupyterapp.commands.execute('notebook:run-all-cells');
		return true;`)

	// labAllRun: every code cell has an execution count and the kernel is
	// idle.
	labAllRun = lab(`const k = kernelOf();
		return !!k && k.status === 'idle' && codeCells().every((c) => typeof c.model.executionCount === 'number');`)

	// labFailed: an error output: waiting longer is useless.
	labFailed = lab(`return !!panel() && codeCells().some((c) => outputsOf(c).some((o) => o.output_type === 'error'));`)

	// labReport describes the notebook as notebookReport does.
	labReport = lab(`const p = panel();
		return {
			kernel: kernelOf() ? kernelOf().name : '',
			trusted: true,
			dirty: !!p.context.model.dirty,
			cells: codeCells().map((c) => ({
				count: typeof c.model.executionCount === 'number' ? c.model.executionCount : -1,
				trusted: !!c.model.trusted,
				outputs: outputsOf(c).map((o) => {
					const d = o.data || {};
					return {type: o.output_type, name: o.name || '', ename: o.ename || '', evalue: o.evalue || '',
						chart: str(d['text/html']).indexOf(` + "'" + chartMarker + "'" + `) >= 0,
						text: str(d['text/plain'] || o.text).slice(0, 400)};
				}),
				charts: Array.from(c.node.querySelectorAll('.goconc-chart')).map((el) => el.id),
				fallback: Array.from(c.node.querySelectorAll('.goconc-chart')).some((el) =>
					el.textContent.indexOf('Chart not drawn') >= 0),
			})),
			echarts: window.echarts ? 'global' : 'none',
			echartsFetches: performance.getEntriesByType('resource')
				.filter((e) => e.name.indexOf('/kernelspecs/goconc/echarts.min.js') >= 0).length,
		};`)

	// labScrollAll brings every chart into view once, as a reader
	// scrolling down does, and then the first chart back.
	labScrollAll = labAsync(`const els = Array.from(panel().node.querySelectorAll('.goconc-chart'));
		for (const el of els) { el.scrollIntoView({block: 'center'}); await new Promise((r) => setTimeout(r, 150)); }
		if (els.length) els[0].scrollIntoView({block: 'center'});
		return true;`)
)

// labEdit returns an expression that puts source into a new code cell at
// the end of the notebook (or the last cell if it is the one added
// before), in edit mode with the cursor at line, column.
func labEdit(source string, line, column int) string {
	src, _ := json.Marshal(source)
	return labAsync(`const a = window.jupyterapp, nb = panel().content;
		if (!window.goconcScratch) {
			nb.activeCellIndex = nb.widgets.length - 1;
			nb.mode = 'command';
			await a.commands.execute('notebook:insert-cell-below');
			window.goconcScratch = nb.activeCell;
		}
		const c = window.goconcScratch;
		c.node.classList.add('goconc-scratch');
		nb.activeCellIndex = nb.widgets.indexOf(c);
		c.node.scrollIntoView({block: 'center'});
		await c.ready; // the editor of a cell out of view is made when it comes into view
		c.model.sharedModel.setSource(` + string(src) + `);
		nb.mode = 'edit';
		c.editor.focus();
		c.editor.setCursorPosition({line: ` + strconv.Itoa(line) + `, column: ` + strconv.Itoa(column) + `});
		c.node.scrollIntoView({block: 'center'});
		return true;`)
}

// labRunScratch runs the scratch cell and notes when the kernel next goes
// idle after being busy.
var labRunScratch = labAsync(`const a = window.jupyterapp, p = panel();
	window.goconcBusy = false; window.goconcIdleAt = 0;
	p.sessionContext.statusChanged.connect((_, s) => {
		if (s === 'busy') window.goconcBusy = true;
		if (s === 'idle' && window.goconcBusy && !window.goconcIdleAt) window.goconcIdleAt = performance.now();
	});
	p.content.mode = 'command';
	// Not awaited: the command's promise ends when the cell does.
	a.commands.execute('notebook:run-cell');
	return true;`)

// visible returns an expression that holds when an element matching
// selector is shown and its text contains want.
func visible(selector, want string) string {
	sel, _ := json.Marshal(selector)
	w, _ := json.Marshal(want)
	return `Array.from(document.querySelectorAll(` + string(sel) + `)).some((el) =>
		!el.classList.contains('lm-mod-hidden') && el.getClientRects().length > 0 && el.textContent.indexOf(` + string(w) + `) >= 0)`
}

// textOf returns an expression whose value is the text of the shown
// elements matching selector.
func textOf(selector string) string {
	sel, _ := json.Marshal(selector)
	return `Array.from(document.querySelectorAll(` + string(sel) + `)).filter((el) => !el.classList.contains('lm-mod-hidden') && el.getClientRects().length > 0)
		.map((el) => el.textContent.replace(/\s+/g, ' ').trim().slice(0, 300))`
}

// darkChart is a cell that draws a chart.
const darkChart = `import (
	"time"

	"github.com/goconc/goconc/charts"
)
charts.Scaling("dark theme", charts.ScalingSeries{Name: "s", Workers: []int{1, 2, 4}, Time: []time.Duration{4, 2, 1}})`

// scratchChart selects the chart of the scratch cell (labEdit marks it).
const scratchChart = ".goconc-scratch .goconc-chart"

// labChartColors reports the colours of the scratch cell's chart: its
// title's text colour as ECharts holds it (from the theme's
// --jp-ui-font-color1, which the chart's script reads) and the notebook's
// background.
var labChartColors = lab(`const el = document.querySelector('` + scratchChart + `');
	let text = '';
	const host = el && (el.querySelector('[_echarts_instance_]') || el);
	const inst = host && window.echarts && window.echarts.getInstanceByDom(host);
	if (inst) { const t = inst.getOption().title; text = t && t[0] && t[0].textStyle && t[0].textStyle.color || ''; }
	if (!text && el) text = getComputedStyle(el).getPropertyValue('--jp-ui-font-color1').trim();
	const bg = getComputedStyle(document.querySelector('.jp-Notebook') || document.body).backgroundColor;
	return {text: text, background: bg, echarts: !!inst};`)

// scratchOutput is an expression whose value is the scratch cell's
// outputs' text.
var scratchOutput = lab(`const c = window.goconcScratch;
	return c ? outputsOf(c).map((o) => o.output_type + ': ' + str(o.text || (o.data || {})['text/plain'] || o.evalue)).join('\n') : '';`)

// TestJupyterLab runs the chart gallery in JupyterLab 4.6 in headless
// Chromium (see testLab).
func TestJupyterLab(t *testing.T) { testLab(t, jupyterLab, "/lab/tree/") }

// TestNotebook7 runs the chart gallery in Notebook 7.6 in headless
// Chromium (see testLab).
func TestNotebook7(t *testing.T) { testLab(t, notebook7, "/notebooks/") }

// testLab opens the chart gallery in a JupyterLab application (JupyterLab
// or Notebook 7) that it starts on a free loopback port with a token, on
// the goconc kernel, and runs all cells: every cell gets its outputs, as
// many as a headless run, without errors, and every chart draws (a canvas
// of nonzero size, its text table hidden) once scrolled into view. Then,
// in a new cell: Tab after fmt.Pr pops a completion list with Println;
// Shift-Tab on fmt.Println shows its doc; the toolbar's stop button ends
// an infinite loop; the toolbar's restart button restarts the kernel,
// which runs the next cell. No request leaves the machine and the console
// shows no error. A screenshot of the first chart goes to the artifacts.
func testLab(t *testing.T, fe frontEnd, nbPath string) {
	if testing.Short() {
		t.Skip("-short: no browser test")
	}
	start := time.Now()
	fe, r := requireLab(t, fe)
	root := moduleRoot(t)
	tmp := t.TempDir()
	shots := e2e.ArtifactsDir(t, t.Name())

	bin := goconcBinary(t, root, tmp)
	prefix := filepath.Join(tmp, "prefix")
	runGoconc(t, bin, "install", "--prefix", prefix)
	nbDir := filepath.Join(tmp, "notebooks")
	headless := filepath.Join(tmp, "headless")
	src, err := os.ReadFile(filepath.Join(root, "notebooks", gallery))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{nbDir, headless} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, gallery), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// What the browser must show: the headless run's outputs.
	runGoconc(t, bin, "run", "-o", filepath.Join(headless, "out"), filepath.Join(headless, gallery))
	facts := galleryFacts{liveCell: -1}
	sources, htmls := readNotebook(t, filepath.Join(headless, "out", gallery))
	facts.codeCells = len(sources)
	for _, hs := range htmls {
		for _, h := range hs {
			if strings.Contains(h, chartMarker) {
				facts.charts++
			}
		}
	}
	if facts.charts == 0 {
		t.Fatalf("the headless run of %s shows no charts", gallery)
	}

	// The application's settings and workspaces of its own; its news
	// notification asks nothing (it would fetch news only if told yes).
	settings := filepath.Join(tmp, "lab-settings")
	note := filepath.Join(settings, "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings")
	if err := os.MkdirAll(filepath.Dir(note), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(note, []byte(`{"fetchNews": "false"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	fe.env = append(fe.env,
		"JUPYTERLAB_SETTINGS_DIR="+settings,
		"JUPYTERLAB_WORKSPACES_DIR="+filepath.Join(tmp, "lab-workspaces"))
	srv := startServer(t, fe, filepath.Join(prefix, "share", "jupyter"), nbDir, tmp)

	shot := filepath.Join(shots, "chart.png")
	darkShot := filepath.Join(shots, "chart-dark.png")
	steps := []e2e.Step{
		{Name: "run all cells", Eval: labRunAll, Until: labAllRun, Abort: labFailed, TimeoutMs: 60000,
			SettleMs: 500, Report: labReport},
		{Name: "scroll through the charts", Eval: labScrollAll, Count: facts.charts, Abort: labFailed,
			TimeoutMs: 20000, SettleMs: 800, Report: labReport, Screenshot: shot, Clip: ".jp-CodeCell:has(.goconc-chart)"},
		{Name: "Tab completes fmt.Pr", Eval: labEdit("fmt.Pr", 0, 6), Press: []string{"Tab"},
			Until: visible(".jp-Completer", "Println"), Report: textOf(".jp-Completer")},
		{Name: "close the list", Press: []string{"Escape"}, Until: "!(" + visible(".jp-Completer", "Println") + ")"},
		{Name: "Shift-Tab shows the doc of fmt.Println", Eval: labEdit("fmt.Println", 0, 11), Press: []string{"Shift+Tab"},
			Until: visible(".jp-Tooltip", "Println"), Report: textOf(".jp-Tooltip")},
		{Name: "stop button interrupts an infinite loop", Eval: labEdit("n := 0\nfor {\n\tn++\n}", 0, 0),
			Press: []string{"Escape"}},
		{Name: "loop running", Eval: labRunScratch, Until: lab(`const k = kernelOf(); return !!k && k.status === 'busy';`),
			SettleMs: 500},
		{Name: "stop", Eval: `window.goconcStopAt = performance.now()`, Click: `[data-command="notebook:interrupt-kernel"]`,
			Until: lab(`return window.goconcIdleAt > 0 && kernelOf().status === 'idle';`), TimeoutMs: 10000,
			Report: `({ms: Math.round(window.goconcIdleAt - window.goconcStopAt)})`},
		{Name: "restart button", Click: `[data-command="notebook:restart-kernel"]`,
			Until: `!!document.querySelector('.jp-Dialog .jp-mod-accept')`},
		{Name: "confirm restart", Click: `.jp-Dialog .jp-mod-accept`,
			Until:     lab(`const k = kernelOf(); return !document.querySelector('.jp-Dialog') && !!k && k.status === 'idle';`),
			TimeoutMs: 30000},
		{Name: "a cell after the restart", Eval: labEdit("import \"fmt\"\nfmt.Println(\"after restart\", 6*7)", 0, 0)},
		{Name: "run it", Eval: labRunScratch, Until: lab(`const c = window.goconcScratch; return !!c && outputsOf(c).length > 0 && kernelOf().status === 'idle';`),
			Report: scratchOutput},
		{Name: "dark theme", Eval: `window.jupyterapp.commands.execute('apputils:change-theme', {theme: 'JupyterLab Dark'})`,
			Until: `document.body.dataset.jpThemeLight === 'false'`, SettleMs: 500},
		{Name: "a chart drawn in the dark theme", Eval: labEdit(darkChart, 0, 0),
			Press: []string{"Escape"}},
		{Name: "run the chart", Eval: labRunScratch, Selector: scratchChart,
			Until: lab(`const c = window.goconcScratch; return !!c && outputsOf(c).length > 0 && kernelOf().status === 'idle';`),
			Count: 1, SettleMs: 800, Report: labChartColors, Screenshot: darkShot, Clip: ".goconc-scratch"},
	}
	settle := 0
	page := e2e.Page{Name: fe.name, URL: srv.URL + nbPath + gallery + "?token=" + srv.Token,
		Until: labReady, TimeoutMs: 120000, SettleMs: &settle, Width: 1200, Height: 900, Steps: steps}
	browserStart := time.Now()
	res := r.Check(t, page)
	if len(res) != 1 {
		t.Fatalf("%d results for 1 page", len(res))
	}
	p := res[0]
	known := 0
	for _, pr := range p.Problems() {
		if fe.name == notebook7.name && pr == notebook7Known {
			known++
			continue
		}
		t.Errorf("%s", pr)
	}
	if known > 0 {
		t.Logf("Notebook 7's own page error, not goconc's, %d times: %s", known, notebook7Known)
	}
	checkMessages(t, fe.name, p.Console)
	t.Logf("%d requests (page, steps and WebSockets), %d offsite", len(p.Requests), len(e2e.Offsite(p.Requests)))
	if len(p.Requests) == 0 {
		t.Errorf("no requests recorded")
	}
	for _, s := range p.Steps {
		if s.Error != "" {
			t.Errorf("step %q: %s", s.Name, s.Error)
		}
		t.Logf("step %q: %d ms, %d charts, value %s", s.Name, s.Ms, len(s.Charts), abbrev(string(s.Value), 300))
	}
	if len(p.Steps) == 0 {
		t.Fatalf("the notebook did not get ready to run: %s", p.Error)
	}
	ran := decodeReport(t, p.Steps[0])
	if ran.Kernel != "goconc" {
		t.Errorf("the notebook ran on kernel %q, want goconc", ran.Kernel)
	}
	checkLabCells(t, "after running", ran, facts)
	if len(p.Steps) < 2 {
		t.FailNow()
	}
	checkCharts(t, "after scrolling", p.Steps[1].Charts, facts.charts)
	if len(p.Steps) == len(steps) {
		var stop struct{ Ms int }
		_ = json.Unmarshal(stepNamed(p.Steps, "stop").Value, &stop)
		t.Logf("the stop button gave the kernel back in %d ms", stop.Ms)
		var out string
		_ = json.Unmarshal(stepNamed(p.Steps, "run it").Value, &out)
		if !strings.Contains(out, "after restart 42") {
			t.Errorf("the cell after the restart printed %q, want \"after restart 42\"", out)
		}
		checkCharts(t, "in the dark theme", p.Steps[len(steps)-1].Charts, 1)
		var colors struct {
			Background, Text string
			ECharts          bool
		}
		if err := json.Unmarshal(p.Steps[len(steps)-1].Value, &colors); err != nil {
			t.Errorf("dark theme colours: %v (%s)", err, p.Steps[len(steps)-1].Value)
		}
		// Readable: the chart's text is light on the dark page.
		if lum(colors.Text) < 0.6 || lum(colors.Background) > 0.3 {
			t.Errorf("in the dark theme the chart's text is %s on %s: not light on dark", colors.Text, colors.Background)
		}
		t.Logf("dark theme: chart text %s on %s (from the ECharts instance: %v)", colors.Text, colors.Background, colors.ECharts)
	} else {
		t.Errorf("%d of %d steps done", len(p.Steps), len(steps))
	}
	t.Logf("%d code cells, %d charts drawn; browser %.1fs, whole test %.1fs",
		facts.codeCells, facts.charts, time.Since(browserStart).Seconds(), time.Since(start).Seconds())
	e2e.LogScreenshots(t, shot, darkShot)
}

// stepNamed returns the result of the step called name.
func stepNamed(steps []e2e.StepResult, name string) e2e.StepResult {
	for _, s := range steps {
		if s.Name == name {
			return s
		}
	}
	return e2e.StepResult{Name: name}
}

// lum returns the relative luminance (0 black, 1 white) of a CSS colour
// "rgb(r, g, b)" or "rgba(r, g, b, a)", or -1 if it is neither.
func lum(css string) float64 {
	var r, g, b float64
	inner, ok := strings.CutPrefix(css, "rgba(")
	if !ok {
		inner, ok = strings.CutPrefix(css, "rgb(")
	}
	if !ok {
		return -1
	}
	parts := strings.Split(strings.TrimSuffix(inner, ")"), ",")
	if len(parts) < 3 {
		return -1
	}
	for i, p := range []*float64{&r, &g, &b} {
		v, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil {
			return -1
		}
		*p = v / 255
	}
	return 0.2126*r + 0.7152*g + 0.0722*b
}

// checkLabCells checks what checkCells does, but trust: JupyterLab trusts
// the outputs of its own session without marking cells.
func checkLabCells(t *testing.T, when string, rep notebookReport, facts galleryFacts) {
	t.Helper()
	for i := range rep.Cells {
		rep.Cells[i].Trusted = true
	}
	checkCells(t, when, rep, facts)
}

func abbrev(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
