// Package symtest checks that the yaegi symbol tables of a symbols package
// (kernel/symbols, helpers/symbols) are what go generate would write now.
package symtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goconc/goconc/internal/symgen"
)

// CheckFresh regenerates, in memory, the tables named on the go:generate
// line of dir/symbols.go, and fails t for each committed file that is
// stale, missing or no longer generated.
func CheckFresh(t testing.TB, dir string) {
	t.Helper()
	dest, pkgs, err := symgen.GenerateLine(filepath.Join(dir, "symbols.go"))
	if err != nil {
		t.Fatal(err)
	}
	tables, err := symgen.Generate(dest, pkgs)
	if err != nil {
		t.Fatal(err)
	}
	fresh := map[string]bool{}
	for _, table := range tables {
		fresh[table.Name] = true
		committed, err := os.ReadFile(filepath.Join(dir, table.Name))
		if err != nil {
			t.Errorf("%s is missing: run go generate in %s", table.Name, dir)
			continue
		}
		if !bytes.Equal(committed, table.Src) {
			t.Errorf("%s is stale: run go generate in %s\n%s", table.Name, dir, firstDiff(committed, table.Src))
		}
	}
	committed, err := filepath.Glob(filepath.Join(dir, "github_com-*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range committed {
		if name := filepath.Base(path); !fresh[name] {
			t.Errorf("%s is no longer generated: delete it", name)
		}
	}
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
