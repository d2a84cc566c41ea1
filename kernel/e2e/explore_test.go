package e2e_test

import (
	"os"
	"strings"
	"testing"
)

func TestExplore(t *testing.T) {
	cells := os.Getenv("CELLS")
	if cells == "" {
		t.Skip()
	}
	k := startKernel(t)
	for _, c := range strings.Split(cells, "\n---\n") {
		r := k.exec(t, c)
		t.Logf("CELL %q\nreply %v\niopub %s", c, r.rc, describe(r.iopub))
	}
}
