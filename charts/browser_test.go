package charts_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/charts/e2e"
	"github.com/goconc/goconc/kernel/display"
)

// browserOutputs returns the HTML outputs of the sample charts and of a
// finished Live display, and how many of them draw a chart.
func browserOutputs(t *testing.T) ([]string, int) {
	var outs []string
	n := 0
	for _, s := range samples() {
		html := s.chart.MIMEBundle()["text/html"].(string)
		if strings.Contains(html, "goconc-chart") {
			n++
		}
		outs = append(outs, html)
	}
	rec := &recorder{}
	old := display.SetSink(rec)
	live := charts.NewLive("Sweep", 3).Axes("workers", "speedup")
	for i, w := range []int{1, 2, 4} {
		live.Add("sharded", float64(w), []float64{1, 1.9, 3.6}[i])
	}
	display.SetSink(old)
	shown := rec.all()
	outs = append(outs, shown[len(shown)-1].b["text/html"].(string))
	return outs, n + 1
}

// TestBrowser draws every chart in headless Chromium the way JupyterLab,
// the classic Notebook (RequireJS) and an exported page run their
// outputs, and checks that each chart has a canvas of nonzero size, that
// the console has no errors, that ECharts was fetched once per page and
// that the charts follow the window's width. A page exported without
// PageHead must show the text tables instead. No page may request
// anything but from 127.0.0.1 (e2e.Offsite). It logs when each page's
// charts were drawn, and keeps its screenshots in e2e.ArtifactsDir.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser test")
	}
	r := e2e.New(t)
	outs, nCharts := browserOutputs(t)
	dark := []string{e2e.DarkLabStyle + outs[0], outs[3]}
	const (
		labAsset     = e2e.LabBase + "kernelspecs/goconc/" + charts.AssetName
		classicAsset = e2e.ClassicBase + "kernelspecs/goconc/" + charts.AssetName
		requireJS    = e2e.ClassicBase + "static/components/requirejs/require.js"
	)
	srv := e2e.Serve(t, map[string][]byte{
		labAsset:        charts.Asset(),
		classicAsset:    charts.Asset(),
		requireJS:       r.RequireJS(t),
		"/lab.html":     []byte(e2e.LabPage("JupyterLab-like", outs...)),
		"/classic.html": []byte(e2e.ClassicPage("Notebook-like", requireJS, outs...)),
		"/export.html":  []byte(e2e.ExportedPage("Exported", charts.PageHead(), outs...)),
		"/dark.html":    []byte(e2e.LabPage("JupyterLab dark, narrow", dark...)),
		"/nbconvert.html": []byte(e2e.ExportedPage("Exported without PageHead", "",
			outs[0])),
	})
	shots := e2e.ArtifactsDir(t, t.Name())
	fallback := `(function () {
		var el = document.querySelector('.goconc-chart');
		return el && el.textContent.indexOf('Chart not drawn') >= 0;
	})()`
	pages := []e2e.Page{
		{Name: "lab", URL: srv.URL + "/lab.html", Count: nCharts, Screenshot: filepath.Join(shots, "lab.png"),
			Resizes: []int{420, 1000}},
		{Name: "classic", URL: srv.URL + "/classic.html", Count: nCharts, Screenshot: filepath.Join(shots, "classic.png")},
		{Name: "export", URL: srv.URL + "/export.html", Count: nCharts, Screenshot: filepath.Join(shots, "export.png")},
		{Name: "dark", URL: srv.URL + "/dark.html", Count: 2, Width: 420, Screenshot: filepath.Join(shots, "dark.png")},
		{Name: "nbconvert", URL: srv.URL + "/nbconvert.html", Until: fallback, Screenshot: filepath.Join(shots, "nbconvert.png")},
	}
	results := r.Check(t, pages...)
	if len(results) != len(pages) {
		t.Fatalf("%d results for %d pages", len(results), len(pages))
	}
	for _, res := range results {
		if len(res.Requests) == 0 {
			t.Errorf("%s: no request recorded, not even the page's", res.Name)
		}
		// Problems (for the first four pages, below) has these too; the
		// nbconvert page may have other problems, not this one.
		if res.Name == "nbconvert" {
			for _, u := range e2e.Offsite(res.Requests) {
				t.Errorf("%s: request left the machine: %s", res.Name, u)
			}
		}
		t.Logf("%s: %d requests, none offsite; time to paint: %s", res.Name, len(res.Requests), res.Paint)
	}
	for _, res := range results[:4] {
		for _, p := range res.Problems() {
			t.Errorf("%s: %s", res.Name, p)
		}
		drawn := 0
		for _, c := range res.Charts {
			if c.Canvases > 0 && c.Width > 0 && c.Height > 0 && c.TextHidden {
				drawn++
			} else {
				t.Errorf("%s: chart %s not drawn: %+v", res.Name, c.ID, c)
			}
		}
		t.Logf("%s: %d charts drawn, first %.0fx%.0f px", res.Name, drawn, res.Charts[0].Width, res.Charts[0].Height)
	}
	// The charts follow the width of the window, narrower and back.
	if lab := results[0]; len(lab.Resized) == 2 {
		for i, c := range lab.Resized[0] {
			if c.Width <= 0 || c.Width > 420 {
				t.Errorf("lab: in a 420 px window, chart %d is %.0f px wide", i, c.Width)
			}
		}
		for i, c := range lab.Resized[1] {
			if c.Width < 900 {
				t.Errorf("lab: back in a 1000 px window, chart %d is %.0f px wide", i, c.Width)
			}
		}
	} else if lab.Error == "" {
		t.Errorf("lab: %d resizes reported, want 2", len(lab.Resized))
	}
	if n := srv.Hits(labAsset); n != 2 {
		t.Errorf("the two JupyterLab-like pages fetched ECharts %d times, want once each", n)
	}
	if n := srv.Hits(classicAsset); n != 1 {
		t.Errorf("Notebook-like page fetched ECharts %d times, want once", n)
	}
	if w := results[3].Charts[0].Width; w > 420 {
		t.Errorf("chart is %.0f px wide in a 420 px window", w)
	}
	nb := results[4]
	if nb.Error != "" {
		t.Errorf("nbconvert: the text fallback did not show: %s", nb.Error)
	}
	if len(nb.Charts) != 1 || nb.Charts[0].TextHidden || nb.Charts[0].Canvases != 0 {
		t.Errorf("nbconvert: want the text table instead of the chart, got %+v", nb.Charts)
	}
	var paths []string
	for _, p := range pages {
		paths = append(paths, p.Screenshot)
	}
	e2e.LogScreenshots(t, paths...)
}
