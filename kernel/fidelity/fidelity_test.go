package fidelity_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/engine"
)

// The fidelity suite: small deterministic Go programs (testdata/*.go)
// run by the Go toolchain and through the kernel's engine (front end and
// yaegi), in two ways: (a) the whole program in one cell, then a cell `main()`; (b) one
// top-level declaration per cell (the imports in the first), then
// `main()`. Outputs must be equal. docs/fidelity.md is generated from the
// programs' Feature lines and the tables below; `go test ./kernel/fidelity
// -update` rewrites it.

var update = flag.Bool("update", false, "rewrite golden files and docs/fidelity.md")

// refused lists the programs the front end refuses, with a part of the
// expected *Unsupported message. They must be refused.
var refused = map[string]string{
	"std_weak_unique":       "unique.Make, a generic function of a compiled package",
	"fmt_stringer_nested":   "printing a value whose elements or fields have String or Error methods",
	"fmt_unexported_fields": "%+v of a struct type of the notebook with unexported fields",
	"generic_self_ref":      "a generic type with several type parameters that refers to itself",
	"typeswitch_iface":      "a type switch case of an interface type that a notebook type implements by pointer methods",
}

// failing lists programs known to run differently under yaegi, with the
// reason. They must still differ: when one passes, move it out of here.
var failing = map[string]string{
	"errors_custom": "yaegi: an interpreted non-pointer error type (StatusErr{}) passed as error cannot be asserted back to its type",
}

// panics lists programs that end with an unrecovered panic in a goroutine,
// with the panic value. go run exits with status 2 printing "panic: value";
// the engine must report it as the error of the last cell (GoroutinePanic,
// the kernel goes on), with the same output before it.
var panics = map[string]string{
	"guard_afterfunc_panic":  "assignment to entry in nil map",
	"guard_errgroup_panic":   "task 2 failed",
	"guard_waitgroup_panic":  "worker 2 failed",
	"guard_waitgroup_method": "bad worker w2",
}

// mainBody lists programs that also run in a third mode: the declarations
// other than main one per cell, then the body of main as one cell, as
// notebooks are written (statements at the top level of a cell).
var mainBody = map[string]bool{
	"toplevel_multivalue": true,
	"toplevel_commaok":    true,
}

type program struct {
	name    string // file name without .go
	feature string // the program's "// Feature:" line
	src     string
}

func loadPrograms(t *testing.T) []program {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fidelity programs: %v", err)
	}
	var out []program
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := program{name: strings.TrimSuffix(filepath.Base(f), ".go"), src: string(b)}
		for _, l := range strings.Split(p.src, "\n") {
			if rest, ok := strings.CutPrefix(l, "// Feature: "); ok {
				p.feature = strings.TrimSpace(rest)
				break
			}
		}
		if p.feature == "" {
			t.Fatalf("%s: no // Feature: line", f)
		}
		out = append(out, p)
	}
	return out
}

// splitDecls returns the cells of mode (b): the imports, then one
// top-level declaration per cell.
func splitDecls(t *testing.T, src string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, d := range f.Decls {
		from, to := fset.Position(d.Pos()).Offset, fset.Position(d.End()).Offset
		if gd, ok := d.(*ast.GenDecl); ok && gd.Doc != nil {
			from = fset.Position(gd.Doc.Pos()).Offset
		}
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
			from = fset.Position(fd.Doc.Pos()).Offset
		}
		cells = append(cells, src[from:to])
	}
	return cells
}

// splitMainBody returns the cells of the main-body mode: the imports and
// declarations other than func main one per cell, then main's body.
func splitMainBody(t *testing.T, src string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	body := ""
	for _, d := range f.Decls {
		from, to := fset.Position(d.Pos()).Offset, fset.Position(d.End()).Offset
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			body = src[fset.Position(fd.Body.Lbrace).Offset+1 : fset.Position(fd.Body.Rbrace).Offset]
			continue
		}
		cells = append(cells, src[from:to])
	}
	return append(cells, body)
}

// goTool returns the go command of the toolchain running the test.
func goTool() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(p) {
		return p
	}
	return "go"
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// buildNative builds the programs with the Go toolchain in one go build,
// caching binaries by content hash in the temporary directory.
func buildNative(t *testing.T, progs []program) map[string]string {
	t.Helper()
	cache := filepath.Join(os.TempDir(), "goconc-fidelity-bin")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	bins := map[string]string{}
	src := t.TempDir()
	var missing []string
	for _, p := range progs {
		sum := sha256.Sum256([]byte(runtime.Version() + p.src))
		bin := filepath.Join(cache, p.name+"-"+hex.EncodeToString(sum[:8]))
		bins[p.name] = bin
		if fileExists(bin) {
			continue
		}
		dir := filepath.Join(src, p.name+"-"+hex.EncodeToString(sum[:8]))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(p.src), 0o644); err != nil {
			t.Fatal(err)
		}
		missing = append(missing, "./"+filepath.Base(dir))
	}
	if len(missing) == 0 {
		return bins
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte(fidelityModule(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	// goconc's go.sum covers the modules the programs may import.
	sum, err := os.ReadFile(filepath.Join("..", "..", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool(), append([]string{"build", "-o", cache + string(filepath.Separator)}, missing...)...)
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bins
}

// cellModules are the modules outside the standard library whose packages
// cells import (the kernel links their tables), and so fidelity programs
// may import too.
var cellModules = []string{"golang.org/x/sync"}

// fidelityModule returns the go.mod of the programs' module: it requires
// cellModules at the versions goconc's go.mod selects.
func fidelityModule(t *testing.T) string {
	t.Helper()
	mod := "module fidelity\n\ngo 1.26\n"
	for _, m := range cellModules {
		out, err := exec.Command(goTool(), "list", "-m", "-f", "{{.Version}}", m).Output()
		if err != nil {
			t.Fatalf("finding the version of %s in goconc's go.mod: %v", m, err)
		}
		mod += "\nrequire " + m + " " + strings.TrimSpace(string(out)) + "\n"
	}
	return mod
}

// runNative runs a binary and returns its standard output and, when it
// does not panic, its standard error. With panic set, the program must end
// with that unrecovered panic.
func runNative(t *testing.T, bin, panic string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, bin)
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	err := cmd.Run()
	if panic == "" {
		if err != nil {
			t.Fatalf("native run of %s: %v\n%s", filepath.Base(bin), err, errOut.String())
		}
		return out.String(), errOut.String()
	}
	var ee *exec.ExitError
	// Go 1.26 prints "panic: v [recovered, repanicked]" when the goroutine
	// was started by sync.WaitGroup.Go.
	first, _, _ := strings.Cut(errOut.String(), "\n")
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || strings.TrimSuffix(first, " [recovered, repanicked]") != "panic: "+panic {
		t.Fatalf("native run of %s: want the panic %q (exit status 2), got %v:\n%s", filepath.Base(bin), panic, err, errOut.String())
	}
	return out.String(), ""
}

func TestFidelity(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs")
	}
	progs := loadPrograms(t)
	checkTables(t, progs)
	checkDoc(t, progs)
	bins := buildNative(t, progs)
	t.Run("programs", func(t *testing.T) {
		for _, p := range progs {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				want, wantErr := runNative(t, bins[p.name], panics[p.name])
				modes := []struct {
					name  string
					cells []string
				}{
					{"one-cell", []string{p.src, "main()"}},
					{"cell-per-decl", append(splitDecls(t, p.src), "main()")},
				}
				if mainBody[p.name] {
					modes = append(modes, struct {
						name  string
						cells []string
					}{"main-body-cell", splitMainBody(t, p.src)})
				}
				for _, m := range modes {
					got, stderr, err := runCellsFull(t, m.cells)
					if stderr != wantErr && refused[p.name] == "" && failing[p.name] == "" {
						t.Errorf("%s: standard error differs\n--- go run:\n%s--- yaegi:\n%s", m.name, wantErr, stderr)
					}
					var ee *engine.Error
					switch {
					case refused[p.name] != "":
						if !errors.As(err, &ee) || ee.Name != "Unsupported" || !strings.Contains(ee.Value, refused[p.name]) {
							t.Errorf("%s: want refusal %q, got err=%v", m.name, refused[p.name], err)
						}
					case failing[p.name] != "":
						if err == nil && got == want {
							t.Errorf("%s: listed as failing (%s) but passes: remove it from the table", m.name, failing[p.name])
						}
					case panics[p.name] != "":
						last := fmt.Sprintf("cell %d: ", len(m.cells))
						if !errors.As(err, &ee) || ee.Name != "GoroutinePanic" || ee.Value != panics[p.name] || !strings.HasPrefix(err.Error(), last) {
							t.Errorf("%s: want the goroutine panic %q reported by the last cell, got err=%v", m.name, panics[p.name], err)
						}
						if got != want {
							t.Errorf("%s: output differs\n--- go run:\n%s--- yaegi:\n%s", m.name, want, got)
						}
					case err != nil:
						t.Errorf("%s: %v\noutput so far:\n%s", m.name, err, got)
					case got != want:
						t.Errorf("%s: output differs\n--- go run:\n%s--- yaegi:\n%s", m.name, want, got)
					}
				}
			})
		}
	})
}

// checkTables checks that the tables name existing programs.
func checkTables(t *testing.T, progs []program) {
	names := map[string]bool{}
	for _, p := range progs {
		names[p.name] = true
	}
	for _, tab := range []map[string]string{refused, failing, panics} {
		for n := range tab {
			if !names[n] {
				t.Errorf("table names %s, which has no program", n)
			}
		}
	}
	for n := range mainBody {
		if !names[n] {
			t.Errorf("mainBody names %s, which has no program", n)
		}
	}
}

// fidelityDoc renders docs/fidelity.md.
func fidelityDoc(progs []program) string {
	var b strings.Builder
	works, ref, fail := 0, 0, 0
	sorted := append([]program{}, progs...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].feature != sorted[j].feature {
			return sorted[i].feature < sorted[j].feature
		}
		return sorted[i].name < sorted[j].name
	})
	var rows strings.Builder
	for _, p := range sorted {
		status := "works"
		switch {
		case refused[p.name] != "":
			status = "refused: " + refused[p.name]
			ref++
		case failing[p.name] != "":
			status = "fails: " + failing[p.name]
			fail++
		case panics[p.name] != "":
			status = "works: the unrecovered goroutine panic is the error of the cell that runs `main()` (Go exits)"
			works++
		default:
			works++
		}
		if mainBody[p.name] {
			status += "; also with main's body as a cell"
		}
		fmt.Fprintf(&rows, "| %s | `%s.go` | %s |\n", p.feature, p.name, status)
	}
	b.WriteString("# Fidelity of notebook cells to Go 1.26\n\n")
	b.WriteString("Generated by `go test ./kernel/fidelity -update`; the test fails when this file is stale.\n\n")
	b.WriteString("Each program in `kernel/fidelity/testdata` is built with the Go toolchain and run through\n")
	b.WriteString("the kernel's engine (cell front end and yaegi) twice: the whole program in one cell, and one declaration per cell, then `main()`.\n")
	b.WriteString("Some programs also run with the body of `main` as a cell of top-level statements, after their declarations.\n")
	b.WriteString("\"works\" means both outputs equal `go run`'s; \"refused\" means the front end rejects the cell with\n")
	b.WriteString("the message shown (pointing to `%%native` cells) instead of running it with another meaning.\n\n")
	fmt.Fprintf(&b, "Programs: %d — works: %d, refused: %d, fails: %d.\n\n", len(progs), works, ref, fail)
	b.WriteString("| Feature | Program | Status |\n|---|---|---|\n")
	b.WriteString(rows.String())
	return b.String()
}

// checkDoc compares docs/fidelity.md with the generated table.
func checkDoc(t *testing.T, progs []program) {
	path := filepath.Join("..", "..", "docs", "fidelity.md")
	want := fidelityDoc(progs)
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("docs/fidelity.md is stale: run go test ./kernel/fidelity -update")
	}
}
