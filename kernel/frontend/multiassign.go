package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Go assigns `a, b = x, y` in two phases: the operands of index
// expressions on the left and every expression on the right are evaluated
// first, then the assignments are made from left to right. yaegi v0.16.1
// assigns each value as soon as it has computed it when the right-hand side
// has calls: `x, y = f(y), f(x)` gives x and y the same value, `i, m[i] =
// 1, 2` writes m[1]. The same happens to `return y, x` in a function with
// named results x and y. Such statements are rewritten into one that
// evaluates the right-hand side into temporaries, then assigns them:
//
//	want, got = a+1, add(a)   →   { var _t1 int = a+1; var _t2 int = add(a); want = _t1; got = _t2 }
//
// The right-hand expressions stay where they are (other rewrites apply to
// them); the temporaries have the type of their destination, so that
// untyped constants convert as they would in the assignment.

// multiAssign rewrites a, b = x, y when yaegi would not assign it
// simultaneously, and reports whether it did.
func (r *rewriter) multiAssign(a *ast.AssignStmt) bool {
	if a.Tok != token.ASSIGN || len(a.Lhs) < 2 || len(a.Lhs) != len(a.Rhs) || r.tc.info == nil {
		return false
	}
	// Which plain variables the statement assigns.
	assigned := map[types.Object]bool{}
	for _, l := range a.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
			if o := r.objOf(id); o != nil {
				assigned[o] = true
			}
		}
	}
	needs := false
	for _, e := range a.Rhs {
		needs = needs || hasCall(e)
	}
	// Index operands on the left that read a variable assigned here.
	dependent := map[int]bool{}
	for i, l := range a.Lhs {
		if _, ok := l.(*ast.Ident); ok {
			continue
		}
		if r.usesAny(l, assigned) {
			dependent[i] = true
			needs = true
		}
	}
	if !needs {
		return false
	}
	switch r.parent(1).(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause, nil:
	default:
		if !r.fn.top || r.depth() != 1 {
			r.refuse(a, "a multiple assignment with calls on its right-hand side in the header of a for, if or switch statement")
			return true
		}
	}
	var prefix, final []string
	for i, l := range a.Lhs {
		lt := r.text(l)
		if strings.Contains(lt, "\n") || !plainOperand(l) {
			r.refuse(a, "a multiple assignment to this expression")
			return true
		}
		if dependent[i] {
			ix, ok := l.(*ast.IndexExpr)
			if !ok || r.usesAny(ix.X, assigned) || !plainOperand(ix.Index) {
				r.refuse(a, "a multiple assignment whose left-hand side depends on a variable it assigns")
				return true
			}
			k := r.name("Ix")
			prefix = append(prefix, k+" := "+r.text(ix.Index)+"; ")
			lt = r.text(ix.X) + "[" + k + "]"
		}
		final = append(final, lt)
		r.skip[l] = true
	}
	var types_ []types.Type
	for _, l := range a.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			types_ = append(types_, nil)
			continue
		}
		types_ = append(types_, r.typeOf(l))
	}
	temps, ok := r.evalInto(a.Pos(), "{ "+strings.Join(prefix, ""), a.Rhs, types_)
	if !ok {
		return true
	}
	var assigns []string
	for i, l := range final {
		if temps[i] != "" {
			assigns = append(assigns, l+" = "+temps[i])
		}
	}
	r.ed.close(r.off(a.End()), r.depth(), "; "+strings.Join(assigns, "; ")+" }")
	return true
}

// namedReturn rewrites `return x, y` in a function with named results when
// an operand reads a result or calls a function: yaegi assigns the results
// one by one.
func (r *rewriter) namedReturn(ret *ast.ReturnStmt) {
	if len(ret.Results) < 2 || r.fn.typ == nil || r.fn.typ.Results == nil || r.tc.info == nil {
		return
	}
	res := r.fn.typ.Results.List
	if len(res) == 0 || len(res[0].Names) == 0 {
		return
	}
	results := map[types.Object]bool{}
	var ts []types.Type
	for _, f := range res {
		for _, n := range f.Names {
			if o := r.objOf(n); o != nil {
				results[o] = true
				ts = append(ts, o.Type())
			}
		}
	}
	if len(ts) != len(ret.Results) {
		return
	}
	needs := false
	for _, e := range ret.Results {
		needs = needs || hasCall(e) || r.usesAny(e, results)
	}
	if !needs {
		return
	}
	temps, ok := r.evalInto(ret.Pos(), "{ ", ret.Results, ts)
	if !ok {
		return
	}
	r.ed.close(r.off(ret.End()), r.depth(), "; return "+strings.Join(temps, ", ")+" }")
}

// evalInto replaces the text from start to the first expression by open
// and the separators between the expressions so that each is evaluated
// into a temporary of type ts[i] (by `_ =` when ts[i] is nil). It returns
// the temporaries ("" for the blank ones).
func (r *rewriter) evalInto(start token.Pos, open string, exprs []ast.Expr, ts []types.Type) ([]string, bool) {
	var temps []string
	prev := start
	for i, e := range exprs {
		decl := "_ = "
		tmp := ""
		if ts[i] != nil {
			tmp = r.name("T")
			if s, ok := r.typeStr(ts[i]); ok {
				decl = "var " + tmp + " " + s + " = "
			} else if !r.isUntyped(e) {
				decl = tmp + " := "
			} else {
				r.refuse(e, "a multiple assignment to a variable whose type the cell cannot name")
				return nil, false
			}
		}
		lead := "; "
		if i == 0 {
			lead = open
		}
		r.ed.replace(r.off(prev), r.off(e.Pos()), lead+decl)
		temps = append(temps, tmp)
		prev = e.End()
	}
	return temps, true
}

// hasCall reports whether e calls a function (or converts a value)
// outside function literals.
func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = true
		}
		return !found
	})
	return found
}

// usesAny reports whether e uses one of the objects.
func (r *rewriter) usesAny(e ast.Node, objs map[types.Object]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && objs[r.objOf(id)] {
			found = true
		}
		return !found
	})
	return found
}
