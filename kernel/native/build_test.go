package native

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A native cell's module requires goconc's, whose own replace directives
// (its patched yaegi) would not apply to it: the builder repeats them,
// with local paths made absolute.
func TestGoModRepeatsTheModuleReplaces(t *testing.T) {
	root := t.TempDir()
	mod := "module github.com/goconc/goconc\n\ngo 1.26.0\n\nreplace github.com/traefik/yaegi => ./kernel/third_party/yaegi\n\nreplace example.com/a v1.0.0 => example.com/b v1.2.0\n"
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	got := (&Builder{ModuleRoot: root}).goMod()
	for _, want := range []string{
		"replace github.com/goconc/goconc => " + root + "\n",
		"replace github.com/traefik/yaegi => " + filepath.Join(root, "kernel/third_party/yaegi") + "\n",
		"replace example.com/a v1.0.0 => example.com/b v1.2.0\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("go.mod lacks %q:\n%s", want, got)
		}
	}
	if got := (&Builder{}).goMod(); strings.Contains(got, "replace") {
		t.Errorf("without a module root, go.mod has replace directives:\n%s", got)
	}
}
