package symbols

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// extractArgs must match the go:generate line in symbols.go.
var extractArgs = []string{"run", "github.com/traefik/yaegi/cmd/yaegi", "extract", "-name", "symbols",
	"github.com/goconc/goconc/kernel/display", "github.com/goconc/goconc/kernel/cellrt", "github.com/goconc/goconc/charts"}

// TestGeneratedTablesAreFresh regenerates the tables in place, compares them
// with the committed files and restores the committed files.
func TestGeneratedTablesAreFresh(t *testing.T) {
	committed := generatedFiles(t)
	t.Cleanup(func() {
		for name, data := range committed {
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Errorf("restoring %s: %v", name, err)
			}
		}
	})
	src, err := os.ReadFile("symbols.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "go:generate go "+strings.Join(extractArgs, " ")) {
		t.Fatalf("the go:generate line in symbols.go no longer matches extractArgs %q", extractArgs)
	}
	if out, err := exec.Command("go", extractArgs...).CombinedOutput(); err != nil {
		t.Fatalf("yaegi extract: %v\n%s", err, out)
	}
	fresh := generatedFiles(t)
	for name, data := range fresh {
		if string(committed[name]) != string(data) {
			t.Errorf("%s is stale: run go generate ./kernel/symbols", name)
		}
	}
	for name := range committed {
		if _, ok := fresh[name]; !ok {
			t.Errorf("%s is no longer generated", name)
		}
	}
}

func generatedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob("github_com-*.go")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		files[n] = data
	}
	return files
}
