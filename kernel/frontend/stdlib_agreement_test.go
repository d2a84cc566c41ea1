package frontend

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"strings"
	"testing"

	"github.com/goconc/goconc/internal/symgen"
	"github.com/goconc/goconc/kernel/symbols"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// cellModulePackages are the packages outside the standard library and
// goconc whose symbol tables the kernel links (kernel/symbols).
var cellModulePackages = []string{
	"golang.org/x/sync/errgroup",
	"golang.org/x/sync/semaphore",
	"golang.org/x/sync/singleflight",
}

// rewrittenCalls are the generic standard functions whose calls the front
// end rewrites into literals rather than calls of a prelude function
// (errorsfn.go); fidelity programs run them.
var rewrittenCalls = map[string]bool{"errors.AsType": true}

// TestFrontEndAndInterpreterAgreeOnImportablePackages walks the exported
// API of every package a cell may import, as go/types sees it (the front
// end's view), and checks each name against the interpreter: a name the
// front end accepts must resolve in the interpreter (its symbol tables,
// or the prelude's implementation the front end substitutes), and a name
// the interpreter cannot resolve must be refused by the front end with a
// message naming it. Generic functions and types are the names compiled
// symbol tables cannot hold.
func TestFrontEndAndInterpreterAgreeOnImportablePackages(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks and evaluates the whole standard library")
	}
	t.Parallel()
	std, err := symgen.StdPackages()
	if err != nil {
		t.Fatal(err)
	}
	pkgs := append(std, cellModulePackages...)

	in := interp.New(interp.Options{Stdout: io.Discard, Stderr: io.Discard})
	for _, u := range []interp.Exports{stdlib.Symbols, symbols.Symbols} {
		if err := in.Use(u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := in.Eval(`import _goconc "github.com/goconc/goconc/kernel/cellrt"`); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Eval(Prelude()); err != nil {
		t.Fatal(err)
	}
	preludeNames := topLevelNames(t, Prelude())

	// eval runs one cell through the front end and the interpreter,
	// importing each package once, as the engine does.
	imported := map[Import]bool{}
	eval := func(src string) error {
		c, err := NewSession().Parse(src)
		if err != nil {
			return err
		}
		for _, im := range c.Imports {
			if imported[im] {
				continue
			}
			if _, err := in.Eval(fmt.Sprintf("import %s %q", im.Name, im.Path)); err != nil {
				return fmt.Errorf("import %q: %w", im.Path, err)
			}
			imported[im] = true
		}
		ctx, cancel := context.WithTimeout(context.Background(), evalTimeout)
		defer cancel()
		_, err = in.EvalWithContext(ctx, c.Code)
		return err
	}

	names, substituted := 0, 0
	var refused []string
	for i, path := range pkgs {
		pkg, err := lockedImporter{}.Import(path)
		if err != nil {
			t.Errorf("%s: the front end cannot type-check it: %v", path, err)
			continue
		}
		// A name of its own for each package: one interpreter imports all.
		p := fmt.Sprintf("p%d", i)
		head := fmt.Sprintf("import %s %q\n", p, path)
		var uses []string // one line per name the interpreter must resolve
		var useNames []string
		for _, name := range pkg.Scope().Names() {
			obj := pkg.Scope().Lookup(name)
			if !obj.Exported() {
				continue
			}
			names++
			if genericRefusal(obj) != "" {
				// Substituted by the prelude, or refused.
				if repl := stdlibReplacement(path, name); repl != "" {
					if !preludeNames[repl] && !rewrittenCalls[path+"."+name] {
						t.Errorf("%s.%s: the front end substitutes %s, which the prelude does not declare", path, name, repl)
					}
					substituted++
					continue
				}
				err := eval(head + "var _ = " + p + "." + name)
				var u *Unsupported
				if !errors.As(err, &u) || !strings.Contains(u.Construct, p+"."+name) {
					t.Errorf("%s.%s is generic: want the front end to refuse it naming it, got %v", path, name, err)
				}
				refused = append(refused, path+"."+name)
				continue
			}
			uses = append(uses, use(p, obj))
			useNames = append(useNames, name)
		}
		if len(uses) == 0 {
			if err := eval(head + "var _ = 0"); err != nil {
				t.Errorf("%s: importing it: %v", path, err)
			}
			continue
		}
		if err := eval(head + strings.Join(uses, "\n")); err == nil {
			continue
		}
		// Find the names that fail, one at a time.
		for i, u := range uses {
			err := eval(head + u)
			var un *Unsupported
			switch {
			case err == nil:
			case errors.As(err, &un):
				if !strings.Contains(un.Construct, p+"."+useNames[i]) {
					t.Errorf("%s.%s: refused without naming it: %v", path, useNames[i], err)
				}
			default:
				t.Errorf("%s.%s: the front end accepts it, the interpreter fails: %v", path, useNames[i], err)
			}
		}
	}
	t.Logf("%d packages, %d exported names: %d generic ones substituted by the prelude, %d refused: %s",
		len(pkgs), names, substituted, len(refused), strings.Join(refused, " "))
}

// use returns a top-level declaration that refers to obj, a non-generic
// member of the package imported as p.
func use(p string, obj types.Object) string {
	name := p + "." + obj.Name()
	switch o := obj.(type) {
	case *types.Const:
		return "const _ = " + name
	case *types.Var:
		return "var _ = &" + name
	case *types.TypeName:
		if it, ok := o.Type().Underlying().(*types.Interface); ok && !it.IsMethodSet() {
			return "func _[T " + name + "]() {}" // a constraint
		}
		return "var _ *" + name
	}
	// In a function: a package variable initialised with a function value
	// whose signature mentions iter.Seq is a known defect of top-level
	// initialisers (docs/interpreter-limits.md), not of name resolution.
	return "func _() { _ = " + name + " }"
}

// topLevelNames returns the names declared at the top level of src.
func topLevelNames(t *testing.T, src string) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "prelude.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
	return names
}
