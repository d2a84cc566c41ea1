package frontend

import (
	"go/ast"
	"go/types"
	"strings"
)

// A function literal passed directly as an argument to compiled code
// (wg.Go(func() {…}), time.AfterFunc(d, func() {…})) is turned by yaegi
// into a function bound to its creating frame as that frame is when the
// function runs, not when the literal was evaluated: called later, it sees
// the variables of the last loop iteration. A literal passed to an
// interpreted function, or stored in a variable, is a proper closure. The
// literal is therefore passed through an interpreted identity function:
//
//	wg.Go(func() {…})   →   wg.Go(func(_goconcf func()) func() { return _goconcf }(func() {…}))

// closureArgs wraps the function literal arguments of a call of compiled
// code.
func (r *rewriter) closureArgs(c *ast.CallExpr) {
	if !r.callsCompiled(c) {
		return
	}
	for _, a := range c.Args {
		lit, ok := ast.Unparen(a).(*ast.FuncLit)
		if !ok {
			continue
		}
		t := oneLine(types.ExprString(lit.Type))
		d := r.depth()
		r.ed.open(r.off(a.Pos()), d, "func(_goconcf "+t+") "+t+" { return _goconcf }(")
		r.ed.close(r.off(a.End()), d, ")")
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
// assertion is evaluated by a literal called in place that checks for nil
// first:
//
//	err, ok := r.(error)   →   err, ok := func() (error, bool) { _x := r; if _x == nil { return nil, false }; _v, _ok := _x.(error); return _v, _ok }()

// commaOk rewrites the comma-ok assertion e (the only right-hand side of
// an assignment to two operands) if it asserts an interface type.
func (r *rewriter) commaOk(e ast.Expr) {
	ta, ok := e.(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil {
		return
	}
	t := r.typeOf(ta.Type)
	if t == nil {
		return
	}
	if _, isIface := t.Underlying().(*types.Interface); !isIface {
		return
	}
	ts := "(" + oneLine(r.text(ta.Type)) + ")"
	x := r.name("X")
	d := r.depth()
	r.ed.open(r.off(ta.Pos()), d, "func() ("+ts+", bool) { "+x+" := ")
	r.ed.replace(r.off(ta.X.End()), r.off(ta.End()), "; if "+x+" == nil { return nil, false }; "+
		x+"v, "+x+"ok := "+x+".("+ts+"); return "+x+"v, "+x+"ok }()")
}

// methodValue copies the receiver of a method value with a value receiver
// when the method value is evaluated, as Go does (yaegi binds the variable
// and sees later changes):
//
//	f := g.Hello   →   f := func(_r Greeter) func(string) string { return _r.Hello }(g)
func (r *rewriter) methodValue(sel *ast.SelectorExpr) bool {
	if r.tc.info == nil {
		return false
	}
	s := r.tc.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return false
	}
	if c, ok := r.parent(1).(*ast.CallExpr); ok && ast.Unparen(c.Fun) == sel {
		return false // a call, not a method value
	}
	sig := s.Obj().Type().(*types.Signature)
	if sig.Recv() == nil {
		return false
	}
	if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
		return false
	}
	if _, iface := sig.Recv().Type().Underlying().(*types.Interface); iface {
		return false
	}
	xt := r.typeOf(sel.X)
	if xt == nil || !plainOperand(sel.X) || strings.Contains(r.text(sel.X), "\n") {
		return false
	}
	arg := r.text(sel.X)
	if p, ok := xt.(*types.Pointer); ok {
		xt, arg = p.Elem(), "*("+arg+")"
	}
	recv, ok1 := r.typeStr(xt)
	ft, ok2 := r.typeStr(r.typeOf(sel))
	if !ok1 || !ok2 {
		return false
	}
	rv := r.name("Recv")
	r.ed.replace(r.off(sel.Pos()), r.off(sel.End()),
		"func("+rv+" "+recv+") "+ft+" { return "+rv+"."+sel.Sel.Name+" }("+arg+")")
	return true
}
