// Package symtest checks that the yaegi symbol tables of a symbols package
// (kernel/symbols, helpers/symbols) and of the standard library (in
// goconc's yaegi tree) are what the generator would write now.
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
	compare(t, dir, tables, "run go generate in "+dir)
}

// CheckStdFresh regenerates, in memory, the standard library's tables
// (symgen.GenerateStd) and fails t for each file of dir that is stale,
// missing or no longer generated (a table of an older Go release, or of a
// package now excluded).
func CheckStdFresh(t testing.TB, dir string) {
	t.Helper()
	tables, err := symgen.GenerateStd()
	if err != nil {
		t.Fatal(err)
	}
	compare(t, dir, tables, "run go run ./internal/cmd/symgen -std "+symgen.StdDir+" from the module root")
}

// compare fails t for each table that differs from the file of the same
// name in dir, and for each generated file of dir that is not a table.
func compare(t testing.TB, dir string, tables []symgen.Table, fix string) {
	t.Helper()
	fresh := map[string]bool{}
	for _, table := range tables {
		fresh[table.Name] = true
		committed, err := os.ReadFile(filepath.Join(dir, table.Name))
		if err != nil {
			t.Errorf("%s is missing: %s", table.Name, fix)
			continue
		}
		if !bytes.Equal(committed, table.Src) {
			t.Errorf("%s is stale: %s\n%s", table.Name, fix, firstDiff(committed, table.Src))
		}
	}
	committed, err := symgen.GeneratedTables(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range committed {
		if !fresh[name] {
			t.Errorf("%s is no longer generated: delete it (%s)", name, fix)
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
