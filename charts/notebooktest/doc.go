// Package notebooktest checks goconc's charts end to end in the classic
// Jupyter Notebook (Debian's jupyter-notebook 6.4) driven by headless
// Chromium: it installs the kernelspec, serves a copy of the chart
// gallery notebook (notebooks/99-chart-gallery.ipynb), runs it in the
// browser, saves and reopens it, and opens the page goconc run --html
// exports of it. The package has tests only; see notebook_test.go.
//
// Outside CI, a missing jupyter-notebook, node or Chromium skips the test
// with a message; with CI=true in the environment it fails it. The test
// builds goconc unless GOCONC_E2E_BIN names a binary, and writes its
// screenshots into TestClassicNotebook/ below $GOCONC_ARTIFACTS if set
// (else below charts/e2e/artifacts, see e2e.ArtifactsDir):
// notebook-run.png, notebook-reloaded.png and exported.png. It fails if
// the page requests anything from another host than 127.0.0.1, and logs
// when the charts were drawn.
package notebooktest
