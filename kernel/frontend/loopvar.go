package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Go 1.22 gives each iteration of a loop its own loop variables; yaegi
// shares one variable between iterations. The difference shows when an
// iteration's variable outlives the iteration: captured by a closure,
// a go or defer statement, or its address taken. Only such loops are
// rewritten, the others keep yaegi's (faster) loop.
//
// A three-clause loop
//
//	for i := 0; i < n; i++ { body }
//
// becomes, on the same lines,
//
//	for _v := 0; _v < n; _v++ { i := _v; { body }; _v = i }
//
// with `continue` turned into `{ _v = i; continue }`: each iteration
// declares a fresh i (yaegi allocates a new variable at each :=), changes
// made by the body carry into the post statement, and the post statement and
// condition run on the copy _v, which is what Go 1.22 specifies (the new
// iteration's variable is initialised from the previous one before the post
// statement runs). The extra block lets the body redeclare i.
//
// A range loop `for k, v := range x { body }` over a slice, array, string,
// map or channel becomes `for _k, _v := range x { k, v := _k, _v; { body } }`.

// capture reports whether any of the variables vars (declared by a loop) is
// used in nodes in a way that lets it outlive an iteration.
func (r *rewriter) captured(vars []*ast.Ident, nodes ...ast.Node) bool {
	objs := map[types.Object]bool{}
	names := map[string]bool{}
	for _, v := range vars {
		if v == nil || v.Name == "_" {
			continue
		}
		names[v.Name] = true
		if o := r.objOf(v); o != nil {
			objs[o] = true
		}
	}
	if len(names) == 0 {
		return false
	}
	isVar := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok || !names[id.Name] {
			return false
		}
		if len(objs) > 0 {
			return objs[r.objOf(id)]
		}
		return true
	}
	// root returns whether e is a selector/index/slice chain rooted at a var.
	var rooted func(e ast.Expr) bool
	rooted = func(e ast.Expr) bool {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			return rooted(x.X)
		case *ast.IndexExpr:
			return rooted(x.X)
		case *ast.Ident:
			return isVar(x)
		}
		return false
	}
	found := false
	var stack []ast.Node
	visit := func(n ast.Node) bool {
		if found {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		switch x := n.(type) {
		case *ast.Ident:
			if isVar(x) {
				for _, a := range stack[:len(stack)-1] {
					switch a.(type) {
					case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
						found = true
					}
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND && rooted(x.X) {
				found = true
			}
		case *ast.SliceExpr:
			if rooted(x.X) {
				if t := r.typeOf(x.X); t == nil || isArray(t) {
					found = true
				}
			}
		case *ast.SelectorExpr:
			if rooted(x.X) && r.takesAddress(x) {
				found = true
			}
		}
		return !found
	}
	for _, n := range nodes {
		if n != nil && !found {
			stack = stack[:0]
			ast.Inspect(n, visit)
		}
	}
	return found
}

func isArray(t types.Type) bool {
	_, ok := t.Underlying().(*types.Array)
	return ok
}

// takesAddress reports whether the selector may take the address of its
// operand: a method with a pointer receiver on an addressable value. Without
// types, any selector might.
func (r *rewriter) takesAddress(sel *ast.SelectorExpr) bool {
	if r.tc.info == nil {
		return true
	}
	s := r.tc.info.Selections[sel]
	if s == nil {
		return r.typeOf(sel.X) == nil
	}
	if s.Kind() == types.FieldVal {
		return false
	}
	f, ok := s.Obj().(*types.Func)
	if !ok {
		return true
	}
	sig := f.Type().(*types.Signature)
	if sig.Recv() == nil {
		return false
	}
	_, ptrRecv := sig.Recv().Type().(*types.Pointer)
	_, ptrX := r.typeOf(sel.X).Underlying().(*types.Pointer)
	return ptrRecv && !ptrX
}

// assigned reports whether a variable of vars is assigned in n.
func (r *rewriter) assigned(vars []*ast.Ident, n ast.Node) bool {
	names := map[string]bool{}
	for _, v := range vars {
		if v != nil && v.Name != "_" {
			names[v.Name] = true
		}
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			if x.Tok != token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && names[id.Name] {
						found = true
					}
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok && names[id.Name] {
				found = true
			}
		case *ast.RangeStmt:
			if x.Tok == token.ASSIGN {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok && names[id.Name] {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// redeclares reports whether body declares a name of vars (outside
// function literals), hiding the loop variable in part of the body.
func redeclares(vars []*ast.Ident, body ast.Node) bool {
	names := map[string]bool{}
	for _, v := range vars {
		names[v.Name] = true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok && names[id.Name] {
						found = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range x.Names {
				if names[id.Name] {
					found = true
				}
			}
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				for _, e := range []ast.Expr{x.Key, x.Value} {
					if id, ok := e.(*ast.Ident); ok && names[id.Name] {
						found = true
					}
				}
			}
		case *ast.TypeSwitchStmt:
			if a, ok := x.Assign.(*ast.AssignStmt); ok {
				if id, ok := a.Lhs[0].(*ast.Ident); ok && names[id.Name] {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// forStmt rewrites a three-clause loop whose variables are captured.
func (r *rewriter) forStmt(f *ast.ForStmt, label string) {
	t := r.pushLoop(f, label)
	init, ok := f.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return
	}
	var vars []*ast.Ident
	for _, l := range init.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
			vars = append(vars, id)
		}
	}
	if len(vars) == 0 || !r.captured(vars, f.Cond, f.Post, f.Body) {
		return
	}
	for _, n := range []ast.Node{f.Cond, f.Post} {
		if n != nil && r.captured(vars, n) {
			r.refuse(n, "a closure capturing the loop variable in a for-loop condition or post statement")
			return
		}
	}
	tmp := map[string]string{}
	var names, tmps []string
	for _, v := range vars {
		tmp[v.Name] = r.name("V")
		names = append(names, v.Name)
		tmps = append(tmps, tmp[v.Name])
		r.ed.replace(r.off(v.Pos()), r.off(v.End()), tmp[v.Name])
	}
	// Cond and Post operate on the copies.
	objs := map[types.Object]bool{}
	for _, v := range vars {
		if o := r.objOf(v); o != nil {
			objs[o] = true
		}
	}
	for _, n := range []ast.Node{f.Cond, f.Post} {
		r.renameIn(n, tmp, objs)
	}
	d := r.depth()
	vs, ts := strings.Join(names, ", "), strings.Join(tmps, ", ")
	back := ts + " = " + vs
	contBack := back
	open := " " + vs + " := " + ts + ";"
	if redeclares(vars, f.Body) {
		p := r.name("P")
		var derefs []string
		ptrs := make([]string, len(names))
		for i, n := range names {
			ptrs[i] = p + "_" + n
			derefs = append(derefs, "*"+ptrs[i])
			open += " " + ptrs[i] + " := &" + n + ";"
		}
		contBack = ts + " = " + strings.Join(derefs, ", ")
	}
	r.ed.open(r.off(f.Body.Lbrace)+1, d, open+" {")
	r.ed.close(r.off(f.Body.Rbrace), d, "}; "+back+" ")
	t.contText = func(label string) string {
		return "{ " + contBack + "; continue" + withLabel(label) + " }"
	}
}

func withLabel(label string) string {
	if label == "" {
		return ""
	}
	return " " + label
}

// rangeCopy gives a range loop over a slice, array, string, map or channel
// per-iteration variables when they are captured.
func (r *rewriter) rangeCopy(rs *ast.RangeStmt) {
	if rs.Tok == token.ASSIGN {
		r.rangeAssign(rs)
		return
	}
	if rs.Tok != token.DEFINE {
		return
	}
	var vars []*ast.Ident
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			vars = append(vars, id)
		}
	}
	if len(vars) == 0 || !r.captured(vars, rs.Body) {
		return
	}
	var names, tmps []string
	for _, v := range vars {
		t := r.name("K")
		names = append(names, v.Name)
		tmps = append(tmps, t)
		r.ed.replace(r.off(v.Pos()), r.off(v.End()), t)
	}
	d := r.depth()
	r.ed.open(r.off(rs.Body.Lbrace)+1, d, " "+strings.Join(names, ", ")+" := "+strings.Join(tmps, ", ")+"; {")
	r.ed.close(r.off(rs.Body.Rbrace), d, "} ")
}

// rangeInt rewrites `for i := range n` (n an integer) into a three-clause
// loop; yaegi v0.16.1 panics on it. i gets n's type (int for a constant).
func (r *rewriter) rangeInt(rs *ast.RangeStmt) {
	typ := "int"
	if t := r.typeOf(rs.X); t != nil {
		if b, ok := t.(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
			s, ok := r.typeStr(t)
			if !ok {
				r.refuse(rs, "range over an integer of a type that cannot be named in the cell")
				return
			}
			typ = s
		}
	}
	var key *ast.Ident
	keyText := ""
	if rs.Key != nil {
		keyText = r.text(rs.Key)
		if id, ok := rs.Key.(*ast.Ident); ok {
			key = id
		}
		if keyText == "_" {
			keyText, key = "", nil
		}
	}
	d := r.depth()
	n := r.name("N")
	head := r.off(rs.For) + len("for")
	if key != nil && rs.Tok == token.DEFINE && !r.captured([]*ast.Ident{key}, rs.Body) && !r.assigned([]*ast.Ident{key}, rs.Body) {
		// Fast path: the variable can be the loop counter.
		r.ed.replace(head, r.off(rs.X.Pos()), " "+key.Name+", "+n+" := "+typ+"(0), ")
		r.ed.close(r.off(rs.X.End()), d, "; "+key.Name+" < "+n+"; "+key.Name+"++")
		return
	}
	i := r.name("I")
	r.ed.replace(head, r.off(rs.X.Pos()), " "+i+", "+n+" := "+typ+"(0), ")
	r.ed.close(r.off(rs.X.End()), d, "; "+i+" < "+n+"; "+i+"++")
	if keyText == "" {
		return
	}
	op := " := "
	if rs.Tok == token.ASSIGN {
		op = " = "
	}
	r.ed.open(r.off(rs.Body.Lbrace)+1, d, " "+keyText+op+i+"; {")
	r.ed.close(r.off(rs.Body.Rbrace), d, "} ")
}

// renameIn replaces, in n, the uses of the variables (by name, and by
// object when typed) with the names in tmp.
func (r *rewriter) renameIn(n ast.Node, tmp map[string]string, objs map[types.Object]bool) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			r.renameIn(x.X, tmp, objs) // x.Sel is a field or method name
			return false
		case *ast.KeyValueExpr:
			if _, ok := x.Key.(*ast.Ident); ok && len(objs) == 0 { // maybe a field name
				r.renameIn(x.Value, tmp, objs)
				return false
			}
		case *ast.Ident:
			if tmp[x.Name] == "" || len(objs) > 0 && !objs[r.objOf(x)] {
				return true
			}
			r.ed.replace(r.off(x.Pos()), r.off(x.End()), tmp[x.Name])
		}
		return true
	})
}

// chanElems reports whether x is a slice or array (or pointer to array) of
// channels: yaegi v0.16.1 gives the value variable of a range over it the
// wrong type ("reflect: call of reflect.Value.Len on int Value").
func (r *rewriter) chanElems(x ast.Expr) bool {
	t := r.typeOf(x)
	if t == nil {
		return false
	}
	u := t.Underlying()
	if p, ok := u.(*types.Pointer); ok {
		u = p.Elem().Underlying()
	}
	var elem types.Type
	switch c := u.(type) {
	case *types.Slice:
		elem = c.Elem()
	case *types.Array:
		elem = c.Elem()
	default:
		return false
	}
	_, ok := elem.Underlying().(*types.Chan)
	return ok
}

// rangeIndex rewrites a range over a slice or array of channels into an
// indexed loop over a copy of the range expression (evaluated once, as
// range does): each iteration declares its own variables.
func (r *rewriter) rangeIndex(rs *ast.RangeStmt) {
	i, s := r.name("I"), r.name("S")
	d := r.depth()
	r.ed.replace(r.off(rs.For)+len("for"), r.off(rs.X.Pos()), " "+i+", "+s+" := 0, ")
	r.ed.close(r.off(rs.X.End()), d, "; "+i+" < len("+s+"); "+i+"++")
	var lhs, rhs []string
	for n, e := range []ast.Expr{rs.Key, rs.Value} {
		if e == nil || r.text(e) == "_" {
			continue
		}
		lhs = append(lhs, r.text(e))
		if n == 0 {
			rhs = append(rhs, i)
		} else {
			rhs = append(rhs, s+"["+i+"]")
		}
	}
	if len(lhs) == 0 {
		return
	}
	op := " := "
	if rs.Tok == token.ASSIGN {
		op = " = "
	}
	r.ed.open(r.off(rs.Body.Lbrace)+1, d, " "+strings.Join(lhs, ", ")+op+strings.Join(rhs, ", ")+"; {")
	r.ed.close(r.off(rs.Body.Rbrace), d, "} ")
}

// rangeAssign rewrites `for k, v = range x` (assignment to existing
// variables), whose variables yaegi v0.16.1 never assigns: the loop
// defines temporaries and the body starts by assigning them.
func (r *rewriter) rangeAssign(rs *ast.RangeStmt) {
	var lhs, tmps []string
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if e == nil {
			continue
		}
		if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
			tmps = append(tmps, "_")
			continue
		}
		if !plainOperand(e) || strings.Contains(r.text(e), "\n") {
			r.refuse(rs, "a range loop assigning to this expression")
			return
		}
		t := r.name("K")
		lhs = append(lhs, r.text(e))
		tmps = append(tmps, t)
		r.ed.replace(r.off(e.Pos()), r.off(e.End()), t)
		r.skip[e] = true
	}
	if len(lhs) == 0 {
		return
	}
	// `=` becomes `:=`.
	r.ed.replace(r.off(rs.TokPos), r.off(rs.TokPos)+1, ":=")
	var rhs []string
	for _, t := range tmps {
		if t != "_" {
			rhs = append(rhs, t)
		}
	}
	d := r.depth()
	r.ed.open(r.off(rs.Body.Lbrace)+1, d, " "+strings.Join(lhs, ", ")+" = "+strings.Join(rhs, ", ")+"; {")
	r.ed.close(r.off(rs.Body.Rbrace), d, "} ")
}
