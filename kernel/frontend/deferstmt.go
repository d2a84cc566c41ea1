package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// yaegi v0.16.1 differs from Go around defer in three ways, all measured:
//
//  1. The arguments of a deferred call are read when the deferred call
//     runs, not when the defer statement executes (`x := 1; defer
//     fmt.Println(x); x = 2` prints 2). They are copied into temporaries,
//     as for go statements (see gostmt.go).
//  2. A deferred function literal sees the frame of its function as it is
//     when the deferred call runs: inside a loop, every deferred closure
//     sees the last iteration's variables. Such a literal is created by a
//     call at the defer statement instead and deferred through a temporary.
//  3. While a function runs its deferred calls, yaegi holds a lock of the
//     function's frame that a closure created in that frame takes when it
//     returns: calling such a closure from a deferred call (`d := func()
//     {…}; defer d()`), or from a goroutine the deferred call waits for,
//     deadlocks. In functions that defer, function literals are therefore
//     created by a small wrapper call, `func() T { return lit }()`, so
//     that they belong to the wrapper's frame.
//
// recover works only in a function the defer statement calls directly, so
// a deferred literal that calls recover is left alone; if it also needs
// the rewrite 2, the cell is refused.

// forceWrap asks funcLit to wrap lit even if it is called where it stands.
func (r *rewriter) forceWrap(lit *ast.FuncLit) {
	if r.forced == nil {
		r.forced = map[*ast.FuncLit]bool{}
	}
	r.forced[lit] = true
}

// funcLit wraps a function literal created in a function that defers, or
// in a loop (see closures.go), unless it is called where it stands.
func (r *rewriter) funcLit(lit *ast.FuncLit) {
	if !r.forced[lit] && !r.fn.defers && !r.inLoop() {
		return
	}
	if !r.forced[lit] {
		p := r.parent(1)
		if _, ok := p.(*ast.ParenExpr); ok {
			p = r.parent(2)
		}
		if c, ok := p.(*ast.CallExpr); ok && ast.Unparen(c.Fun) == lit {
			return // called right away, or deferred directly
		}
	}
	d := r.depth()
	r.ed.open(r.off(lit.Pos()), d, "func() "+oneLine(types.ExprString(lit.Type))+" { return ")
	r.ed.close(r.off(lit.End()), d, " }()")
}

// deferStmt rewrites a defer statement.
func (r *rewriter) deferStmt(d *ast.DeferStmt) bool {
	if r.fn.top {
		return true // refused at the top level
	}
	call := d.Call
	lit, isLit := ast.Unparen(call.Fun).(*ast.FuncLit)
	if rf := r.innerRangeFunc(); rf != nil {
		if isLit && callsRecover(lit) {
			r.refuse(d, "recover in a function deferred in the body of a range-over-func loop")
			return true
		}
		list := rf.root.deferList(r)
		r.hoistCall(d.Pos(), call, !r.staticFunc(call.Fun) && !isLit, func(c string) string {
			return list + ".add(func() { " + c + " })"
		})
		return false
	}
	if isLit {
		if r.inLoop() && r.capturesLoopLocals(lit) {
			if callsRecover(lit) {
				r.refuse(d, "recover in a deferred closure that captures per-iteration loop variables")
				return true
			}
			r.forceWrap(lit)
			r.hoistCall(d.Pos(), call, true, func(c string) string { return "defer " + c })
			return false
		}
		r.hoistArgsBefore(d)
		return true
	}
	_, fIsCall := ast.Unparen(call.Fun).(*ast.CallExpr)
	// A method call evaluates its receiver at the defer statement: the
	// method value (bound by the walk of the hoisted callee, see
	// methodvalue.go) is copied into a temporary.
	method := r.isMethodValue(call.Fun)
	needs := fIsCall || method
	for _, a := range call.Args {
		if !r.isConst(a) && !r.isNil(a) {
			needs = true
		}
	}
	if !needs {
		return true
	}
	move := !method && (r.staticFunc(call.Fun) || simpleChain(call.Fun))
	r.hoistCall(d.Pos(), call, !move, func(c string) string { return "defer " + c })
	return false
}

// simpleChain reports whether e is x.y.z on one line.
func simpleChain(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return simpleChain(x.X)
	}
	return false
}

// hoistArgsBefore copies the simple variable arguments of a deferred
// function literal into temporaries declared before the defer statement.
func (r *rewriter) hoistArgsBefore(d *ast.DeferStmt) {
	var names, texts []string
	for _, a := range d.Call.Args {
		if r.isConst(a) || r.isNil(a) || r.isUntyped(a) {
			continue
		}
		t := r.text(a)
		if strings.ContainsAny(t, "\n/") || !plainOperand(a) {
			continue
		}
		if mv, ok := r.methodValueText(a); ok {
			t = mv // bound at the defer statement, as the argument is evaluated
		}
		n := r.name("A")
		names = append(names, n)
		texts = append(texts, t)
		r.ed.replace(r.off(a.Pos()), r.off(a.End()), n)
		r.skip[a] = true
	}
	if len(names) == 0 {
		return
	}
	dp := r.depth()
	r.ed.open(r.off(d.Pos()), dp, "{ "+strings.Join(names, ", ")+" := "+strings.Join(texts, ", ")+"; ")
	r.ed.close(r.off(d.End()), dp, " }")
}

// plainOperand reports whether e is made of names, selectors, index
// expressions, literals and operators only (nothing another rewrite edits).
func plainOperand(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr, *ast.FuncLit, *ast.CompositeLit:
			ok = false
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// callsRecover reports whether lit calls recover directly.
func callsRecover(lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "recover" {
				found = true
			}
		}
		return !found
	})
	return found
}

// capturesLoopLocals reports whether lit uses a variable declared inside
// the outermost loop of the current function (outside lit).
func (r *rewriter) capturesLoopLocals(lit *ast.FuncLit) bool {
	loop := r.fn.loops[0]
	if r.tc.info == nil {
		return true
	}
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return !found
		}
		v, ok := r.tc.info.Uses[id].(*types.Var)
		if !ok || v.IsField() {
			return true
		}
		p := v.Pos()
		if p >= loop.Pos() && p < loop.End() && !(p >= lit.Pos() && p < lit.End()) {
			found = true
		}
		return !found
	})
	return found
}

// isMethodValue reports whether f, the function of a call, selects a
// method of a value (not a package function, a field or a method
// expression).
func (r *rewriter) isMethodValue(f ast.Expr) bool {
	sel, ok := ast.Unparen(f).(*ast.SelectorExpr)
	if !ok || r.tc.info == nil {
		return false
	}
	s := r.tc.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return false
	}
	// A pointer method of a variable x is bound to &x, which does not
	// change (defer mu.Unlock()): nothing to bind.
	if id, ok := sel.X.(*ast.Ident); ok && len(s.Index()) == 1 {
		_, ptrRecv := s.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer)
		_, isPtr := types.Unalias(r.typeOf(id)).(*types.Pointer)
		if _, isVar := r.objOf(id).(*types.Var); isVar && ptrRecv && !isPtr {
			return false
		}
	}
	return true
}
