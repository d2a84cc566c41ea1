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
// screenshots into $GOCONC_SCREENSHOTS if set (else a temporary
// directory): notebook-run.png, notebook-reloaded.png and exported.png.
package notebooktest
