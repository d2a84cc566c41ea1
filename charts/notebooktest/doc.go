// Package notebooktest checks goconc in the real front ends, driven by
// headless Chromium (Debian's, through playwright-core): the classic
// Notebook (Debian's jupyter-notebook 6.4), and JupyterLab 4.6 and
// Notebook 7.6 from the tests' virtual environment (.ci/requirements.txt,
// found by internal/pyenv). Each test installs the kernelspec, starts its
// front end on a free port of 127.0.0.1 with a token, and runs a copy of
// the chart gallery notebook (notebooks/99-chart-gallery.ipynb) on the
// goconc kernel.
//
// TestClassicNotebook runs all cells, saves and reopens the notebook, and
// opens the page goconc run --html exports of it. TestJupyterLab and
// TestNotebook7 run all cells, scroll through the charts, and in a new
// cell check Tab completion, Shift-Tab help, the stop button on an
// infinite loop, and the restart button; then they switch to the dark
// theme and check that a new chart draws with light text on the dark page
// (lab_test.go). All fail if a page
// requests anything from another host than 127.0.0.1 or logs an error.
//
// Outside CI, a missing front end, node or Chromium skips a test with a
// message; with CI=true in the environment it fails it. The tests build
// goconc unless GOCONC_E2E_BIN names a binary, and write screenshots into
// TestName/ below $GOCONC_ARTIFACTS if set (else below
// charts/e2e/artifacts, see e2e.ArtifactsDir): notebook-run.png,
// notebook-reloaded.png and exported.png for the classic Notebook,
// chart.png (a chart's cell) and chart-dark.png for JupyterLab and
// Notebook 7 — docs/images/jupyterlab-chart.png, jupyterlab-chart-dark.png
// and notebook7-chart.png are copies.
package notebooktest
