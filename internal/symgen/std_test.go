// The race detector run (scripts/test) tests concurrent code; these tests
// type-check the whole standard library, many times slower under -race,
// and the plain run checks the same tables.

//go:build !race

package symgen_test

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goconc/goconc/internal/symgen"
	"github.com/goconc/goconc/internal/symtest"
)

// TestStdTablesAreFresh fails when the standard library's tables differ
// from what the generator writes with the Go toolchain running the test:
// a new Go release, or a package added to or removed from StdExcluded.
func TestStdTablesAreFresh(t *testing.T) {
	symtest.CheckStdFresh(t, filepath.Join("..", "..", filepath.FromSlash(symgen.StdDir)))
}

// TestStdPackagesHonourTheExclusions checks the list the tables are made
// from: every exclusion is a real standard package, none is listed, and
// the packages cells use most are.
func TestStdPackagesHonourTheExclusions(t *testing.T) {
	pkgs, err := symgen.StdPackages()
	if err != nil {
		t.Fatal(err)
	}
	for p := range symgen.StdExcluded {
		if slices.Contains(pkgs, p) {
			t.Errorf("excluded package %s is listed", p)
		}
		if out, err := exec.Command("go", "list", p).CombinedOutput(); err != nil {
			t.Errorf("excluded package %s is not a standard package: %v\n%s", p, err, out)
		}
	}
	for _, p := range []string{"fmt", "iter", "os/exec", "strings", "sync", "unique", "weak"} {
		if !slices.Contains(pkgs, p) {
			t.Errorf("%s is not listed", p)
		}
	}
	for _, p := range pkgs {
		if slices.Contains(strings.Split(p, "/"), "internal") || strings.HasPrefix(p, "vendor/") {
			t.Errorf("internal package %s is listed", p)
		}
	}
}
