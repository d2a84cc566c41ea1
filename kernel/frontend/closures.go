package frontend

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"
)

// Two yaegi defects make closures created in a loop or passed to compiled
// code unreliable, both fixed by creating the closure inside a wrapper
// call, `func() T { return lit }()`, so that it belongs to the wrapper's
// frame:
//
//   - A function literal passed directly as an argument to compiled code
//     (wg.Go(func() {…}), time.AfterFunc(d, func() {…})) runs with its
//     creating frame as that frame is when the function runs, not when the
//     literal was evaluated: called later, it sees the variables of the
//     last loop iteration.
//   - When a closure returns, yaegi writes the value the literal's result
//     slot had before the closure was created back into the creating
//     frame. A closure running in a goroutine can thus overwrite, in the
//     loop that creates the next closures, the closure just created: two
//     goroutines of a loop then see the same iteration (measured: one run in
//     ten of a five-goroutine loop). The interpreter goconc builds is
//     patched for this one (kernel/third_party/yaegi/PATCHES.md); the
//     wrapping predates the patch and stays, since loop bodies reuse their
//     frame slots across iterations and a wrapped literal owns its frame.
//     Literals in loops are wrapped (see funcLit), and so are those of
//     functions that defer (deferstmt.go).

// closureArgs wraps the function literal arguments of a call of compiled
// code.
func (r *rewriter) closureArgs(c *ast.CallExpr) {
	if !r.callsCompiled(c) {
		return
	}
	for _, a := range c.Args {
		if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
			r.forceWrap(lit)
		}
	}
}

// callsCompiled reports whether c calls a function or method of a
// compiled package (not the cell's, not one the prelude replaces).
func (r *rewriter) callsCompiled(c *ast.CallExpr) bool {
	var obj types.Object
	switch f := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		obj = r.objOf(f)
	case *ast.SelectorExpr:
		if r.tc.info != nil {
			if s := r.tc.info.Selections[f]; s != nil {
				obj = s.Obj()
			} else {
				obj = r.objOf(f.Sel)
			}
		}
		if obj == nil {
			if id, ok := f.X.(*ast.Ident); ok {
				if path, ok := r.isPkg(id); ok {
					return stdlibReplacement(path, f.Sel.Name) == ""
				}
			}
			return true // unknown: wrapping is harmless
		}
	default:
		return false
	}
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == r.tc.pkg {
		return false
	}
	return stdlibReplacement(fn.Pkg().Path(), fn.Name()) == ""
}

// A comma-ok type assertion of a nil interface value to an interface type
// (`err, ok := r.(error)` with r == nil) crashes yaegi ("reflect: call of
// reflect.Value.Type on zero Value"); with a non-nil value it works. The
// assertion is made only on a non-nil value:
//
//	v, ok := x.(I)   →   v, ok := (I)(nil), false; if _x := x; _x != nil { v, ok = _x.(I) }
//
// and in an if statement's init, `if v, ok := x.(I); cond {` becomes
// `{ v, ok := …; if _x := x; … }; if cond { … } }`.

// commaOk rewrites the comma-ok assertion assignment a (parent is the
// statement holding it) if it asserts an interface type, and reports
// whether it did.
func (r *rewriter) commaOk(a *ast.AssignStmt, parent ast.Node) bool {
	if len(a.Lhs) != 2 || len(a.Rhs) != 1 {
		return false
	}
	ta, ok := a.Rhs[0].(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil {
		return false
	}
	t := r.typeOf(ta.Type)
	if t == nil {
		return false
	}
	if _, isIface := t.Underlying().(*types.Interface); !isIface {
		return false
	}
	d := r.depth()
	switch p := parent.(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
	case *ast.IfStmt:
		if p.Init != a || p.Cond == nil {
			return false
		}
		r.ed.replace(r.off(p.If), r.off(a.Pos()), "{ ")
		r.ed.replace(r.off(a.End()), r.off(p.Cond.Pos()), "; if ")
		r.ed.close(r.off(p.End()), d, " }")
	default:
		return false
	}
	ts := "(" + oneLine(r.text(ta.Type)) + ")"
	x := r.name("X")
	lhs := oneLine(r.text(a.Lhs[0])) + ", " + oneLine(r.text(a.Lhs[1]))
	assert := x + ".(" + ts + ")"
	if lit, ok := r.ifaceAssertLit(t, true); ok {
		assert = lit + "(" + x + ")"
	}
	r.ed.open(r.off(ta.Pos()), d, ts+"(nil), false; if "+x+" := ")
	r.ed.replace(r.off(ta.X.End()), r.off(ta.End()), "; "+x+" != nil { "+lhs+" = "+assert+" }")
	r.skip[ta] = true
	r.walk(ta.X)
	return true
}

// ifaceAssertLit returns a function literal that asserts its operand to
// the interface type t by the concrete types of the session that
// implement it (yaegi loses the methods of interpreted values held in
// interfaces and does not honour method sets: a value whose methods have
// pointer receivers passed x.(I)), then by the interpreter's assertion for
// the others. With ok, the literal returns (I, bool). Types whose
// underlying type is not a struct are left to the interpreter: their
// values cannot be told from their underlying type's by assertion.
func (r *rewriter) ifaceAssertLit(t types.Type, ok bool) (string, bool) {
	iface, isIface := t.Underlying().(*types.Interface)
	if !isIface || iface.NumMethods() == 0 || r.tc.pkg == nil {
		return "", false
	}
	its, named := r.typeStr(t)
	if !named {
		return "", false
	}
	scope := r.tc.pkg.Scope()
	names := scope.Names()
	sort.Strings(names)
	var cases []string
	for _, n := range names {
		tn, isType := scope.Lookup(n).(*types.TypeName)
		if !isType || tn.IsAlias() || strings.HasPrefix(n, "_goconc") {
			continue
		}
		nt, isNamed := tn.Type().(*types.Named)
		if !isNamed || nt.TypeParams().Len() > 0 {
			continue
		}
		if _, isStruct := nt.Underlying().(*types.Struct); !isStruct {
			continue
		}
		for _, ct := range []types.Type{types.NewPointer(nt), nt} {
			if !types.Implements(ct, iface) {
				continue
			}
			cs, named := r.typeStr(ct)
			if !named {
				continue
			}
			ret := "_goconcv"
			if ok {
				ret += ", true"
			}
			cases = append(cases, "if _goconcv, _goconcok := _goconcx.("+cs+"); _goconcok { return "+ret+" }; ")
		}
	}
	if len(cases) == 0 {
		return "", false
	}
	if ok {
		return "func(_goconcx any) (" + its + ", bool) { " + strings.Join(cases, "") +
			"_goconcv, _goconcok := _goconcx.(" + its + "); return _goconcv, _goconcok }", true
	}
	return "func(_goconcx any) " + its + " { " + strings.Join(cases, "") + "return _goconcx.(" + its + ") }", true
}

// typeAssert rewrites x.(I), I an interface, outside comma-ok
// assignments, with ifaceAssertLit.
func (r *rewriter) typeAssert(ta *ast.TypeAssertExpr) {
	if ta.Type == nil {
		return // a type switch guard
	}
	switch p := r.parent(1).(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) == 2 {
			return // comma-ok (see commaOk)
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) == 2 {
			return
		}
	}
	t := r.typeOf(ta.Type)
	if t == nil {
		return
	}
	lit, ok := r.ifaceAssertLit(t, false)
	if !ok {
		return
	}
	d := r.depth()
	r.ed.open(r.off(ta.Pos()), d, lit+"(")
	r.ed.replace(r.off(ta.X.End()), r.off(ta.End()), ")")
}
