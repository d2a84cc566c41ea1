package symbols_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traefik/yaegi/extract"
)

// generateLine is the go:generate directive symbols.go must carry; the
// test regenerates the tables for exactly these packages.
const (
	generateCmd = "//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols "
	destPackage = "symbols" // the -name flag
)

// TestTablesAreFresh regenerates the symbol tables into a temporary
// directory and compares them with the committed files. It calls the
// extract package that "yaegi extract" wraps, with the same settings as
// the go:generate line, rather than "go run", which would build the whole
// yaegi command and can only write into the package directory.
func TestTablesAreFresh(t *testing.T) {
	pkgs := generatedPackages(t)
	tmp := t.TempDir()
	names := strings.NewReplacer("/", "-", ".", "_", "~", "_") // as cmd/yaegi names its files
	fresh := map[string]bool{}
	for _, pkg := range pkgs {
		var buf bytes.Buffer
		ext := extract.Extractor{Dest: destPackage}
		importPath, err := ext.Extract(pkg, "", &buf)
		if err != nil {
			t.Fatalf("extracting %s: %v", pkg, err)
		}
		name := names.Replace(importPath) + ".go"
		fresh[name] = true
		if err := os.WriteFile(filepath.Join(tmp, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%s is missing: run go generate ./helpers/symbols", name)
			continue
		}
		if !bytes.Equal(committed, buf.Bytes()) {
			t.Errorf("%s is stale: run go generate ./helpers/symbols\n%s", name, firstDiff(committed, buf.Bytes()))
		}
	}
	committed, err := filepath.Glob("github_com-*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range committed {
		if !fresh[name] {
			t.Errorf("%s is no longer generated: delete it", name)
		}
	}
}

// generatedPackages returns the packages named on symbols.go's go:generate
// line.
func generatedPackages(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("symbols.go")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(src)) {
		if rest, ok := strings.CutPrefix(line, generateCmd); ok {
			return strings.Fields(rest)
		}
	}
	t.Fatalf("symbols.go has no line starting %q", generateCmd)
	return nil
}

// firstDiff describes the first line where the committed and fresh files
// differ.
func firstDiff(committed, fresh []byte) string {
	a, b := strings.Split(string(committed), "\n"), strings.Split(string(fresh), "\n")
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  committed: %s\n  generated: %s", i+1, x, y)
		}
	}
	return "files differ"
}
