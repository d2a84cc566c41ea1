package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// The variables a cell defines at its top level are global variables of
// the interpreter, and yaegi v0.16.1 mistypes some of their initialisers:
//
//	x := Max[float64](v, 2)      // a generic call: "constant definition loop"
//	y := Id(v)                   // panics: "nil reflect type"
//	next, stop := iter.Pull(seq) // crashes
//	pts := r.Points              // a slice field of a compiled struct type,
//	p := pts[0]                  // then: "constant definition loop"
//	n := r.Points[0].Workers     // nil pointer dereference
//
// The same expressions work inside a function. So each initialiser of a
// := or var of the top level is computed by a function literal called at
// once, which states the type Go gives the variable:
//
//	x := func() float64 { return Max[float64](v, 2) }()
//
// Constants, literals, function literals and initialisers whose type the
// cell cannot name are left as they are.

// wrapTopInit wraps the initialisers values of n variables defined at the
// top level of the cell.
func (r *rewriter) wrapTopInit(n int, values []ast.Expr) {
	if !r.fn.top || r.tc.info == nil {
		return
	}
	if len(values) == n {
		for _, e := range values {
			r.wrapInit(e, false)
		}
		return
	}
	// v, w := f() in a block or an init has a rewrite of its own
	// (toplevel.go); as a statement of the top level, it is wrapped.
	if len(values) == 1 && r.depth() == 1 {
		if _, call := ast.Unparen(values[0]).(*ast.CallExpr); call {
			r.wrapInit(values[0], true)
		}
	}
}

// wrapInit wraps one initialiser; tuple says it is a call that gives all
// the variables.
func (r *rewriter) wrapInit(e ast.Expr, tuple bool) {
	switch ast.Unparen(e).(type) {
	case *ast.BasicLit, *ast.CompositeLit, *ast.FuncLit, *ast.Ident:
		return // these work, and an identifier may be a constant or a type
	}
	if r.pkgFuncValue(e) {
		return
	}
	tv, ok := r.tc.info.Types[e]
	if !ok || tv.Value != nil || tv.Type == nil || !tv.IsValue() {
		return
	}
	var results []string
	if t, ok := tv.Type.(*types.Tuple); ok {
		if !tuple {
			return // comma-ok forms have rewrites of their own
		}
		for v := range t.Variables() {
			s, ok := r.typeStr(v.Type())
			if !ok {
				return
			}
			results = append(results, s)
		}
	} else {
		s, ok := r.typeStr(tv.Type)
		if !ok {
			return
		}
		results = append(results, s)
	}
	sig := strings.Join(results, ", ")
	if len(results) > 1 {
		sig = "(" + sig + ")"
	}
	open, end := " { return ", " }()"
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		open, end = " { return (", ") }()" // yaegi fails on `return <-ch`
	}
	d := r.depth() // outside the edits of e and its parts, which are deeper
	r.ed.open(r.off(e.Pos()), d, "func() "+sig+open)
	r.ed.close(r.off(e.End()), d, end)
}

// pkgFuncValue reports whether e names a compiled function of an imported
// package as a value (strings.Lines, log.Default). Such a value works as
// it is, while the wrapper's stated type can break it: it spells the
// prelude's iter.Seq where the compiled function returns the standard
// one. The prelude's substitutes (slices.Sort[[]int]) keep the wrapper.
func (r *rewriter) pkgFuncValue(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	path, ok := r.isPkg(id)
	if !ok || stdlibReplacement(path, sel.Sel.Name) != "" {
		return false
	}
	_, ok = r.objOf(sel.Sel).(*types.Func)
	return ok
}

// parenTopCall parenthesises the function literal of a statement of the
// top level that calls one, `func() { … }()`: yaegi runs such a statement
// again at every later evaluation of the session, and gives as its value
// the function, not its result; `(func() { … })()` runs once and has the
// result as its value, which the cell shows.
func (r *rewriter) parenTopCall(es *ast.ExprStmt) {
	if !r.fn.top || r.depth() != 1 {
		return
	}
	c, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return
	}
	lit, ok := c.Fun.(*ast.FuncLit)
	if !ok {
		return
	}
	r.ed.open(r.off(lit.Pos()), 0, "(")
	r.ed.close(r.off(lit.End()), 0, ")")
}
