package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// yaegi reads a source as declarations when it starts with a declaration
// keyword and as statements otherwise, and cannot mix them: a cell with
// both is evaluated in two parts (Cell.Code, then Cell.Then), each keeping
// the cell's lines.
//
// yaegi also fails ("variable definition loop") on a package-level var
// whose initializer refers to a variable declared by an earlier Eval
// (var cond = sync.NewCond(&mu)). Such a var runs as a statement, which
// works; if the cell's declarations use it, it is declared with its type in
// Code (var cond *sync.Cond) and assigned in Then. The same split applies
// to a top-level x := e that the cell's declarations use.

// inCell reports whether pos is in the cell (not in an earlier cell).
func (r *rewriter) inCell(pos token.Pos) bool {
	tf := r.sp.pm.tf
	return int(pos) >= tf.Base() && int(pos) <= tf.Base()+tf.Size()
}

// varsToStatements returns the top-level var declarations to run as
// statements, with the typed declaration Code needs, or "-" if none.
func (r *rewriter) varsToStatements() map[ast.Decl]string {
	out := map[ast.Decl]string{}
	if r.tc.info == nil {
		return out
	}
	for _, t := range r.sp.top {
		gd, ok := t.decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR || !r.refersToEarlierVar(gd) {
			continue
		}
		objs := map[types.Object]bool{}
		var names []*ast.Ident
		for _, s := range gd.Specs {
			for _, n := range s.(*ast.ValueSpec).Names {
				if o := r.tc.info.Defs[n]; o != nil {
					objs[o] = true
					names = append(names, n)
				}
			}
		}
		out[gd] = "-"
		if !r.usedByDecls(objs, gd) || gd.Lparen.IsValid() || len(gd.Specs) != 1 || len(gd.Specs[0].(*ast.ValueSpec).Values) == 0 {
			continue
		}
		if decl, ok := r.typedDecls(names); ok {
			out[gd] = decl
		}
	}
	return out
}

// typedDecls returns "var a A; var b B" for the variables names.
func (r *rewriter) typedDecls(names []*ast.Ident) (string, bool) {
	var parts []string
	for _, n := range names {
		o := r.tc.info.Defs[n]
		if o == nil {
			continue
		}
		ts, ok := r.typeStr(o.Type())
		if !ok {
			return "", false
		}
		parts = append(parts, "var "+n.Name+" "+ts)
	}
	return strings.Join(parts, "; "), len(parts) > 0
}

// refersToEarlierVar reports whether gd's initializers use a package-level
// variable that an earlier cell declared, or that a statement of this cell
// defines (x := …): such a var must run in order with the statements, not
// before them with the declarations.
func (r *rewriter) refersToEarlierVar(gd *ast.GenDecl) bool {
	found := false
	for _, s := range gd.Specs {
		for _, v := range s.(*ast.ValueSpec).Values {
			ast.Inspect(v, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if o, ok := r.tc.info.Uses[id].(*types.Var); ok && !o.IsField() &&
						o.Parent() == r.tc.pkg.Scope() && (!r.inCell(o.Pos()) || r.definedByStatement(o.Pos())) {
						found = true
					}
				}
				return !found
			})
		}
	}
	return found
}

// definedByStatement reports whether pos lies in a top-level statement of
// the cell (the name a top-level x := … defines).
func (r *rewriter) definedByStatement(pos token.Pos) bool {
	for _, t := range r.sp.top {
		if t.stmt != nil && t.stmt.Pos() <= pos && pos < t.stmt.End() {
			return true
		}
	}
	return false
}

// usedByDecls reports whether a declaration of the cell other than except
// uses one of objs.
func (r *rewriter) usedByDecls(objs map[types.Object]bool, except ast.Decl) bool {
	found := false
	for _, t := range r.sp.top {
		if t.decl == nil || t.decl == except {
			continue
		}
		ast.Inspect(t.decl, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && objs[r.tc.info.Uses[id]] {
				found = true
			}
			return !found
		})
	}
	return found
}

// splitDefine returns the typed declarations Code needs for a top-level
// `x := e` whose variables the cell's declarations use, or "".
func (r *rewriter) splitDefine(st ast.Stmt) string {
	a, ok := st.(*ast.AssignStmt)
	if !ok || a.Tok != token.DEFINE || r.tc.info == nil {
		return ""
	}
	objs := map[types.Object]bool{}
	var names []*ast.Ident
	for _, l := range a.Lhs {
		if id, ok := l.(*ast.Ident); ok {
			if o := r.tc.info.Defs[id]; o != nil {
				objs[o] = true
				names = append(names, id)
			}
		}
	}
	if len(objs) == 0 || !r.usedByDecls(objs, nil) {
		return ""
	}
	decl, _ := r.typedDecls(names)
	return decl
}

// defineToAssign turns `x := e` into `x = e` (for Then).
func (r *rewriter) defineToAssign(a *ast.AssignStmt) []edit {
	p := r.off(a.TokPos)
	return []edit{{pos: p, end: p + 2, text: " =", order: orderReplace}}
}

// varToAssign turns `var x T = e` into `x = e` (for Then).
func (r *rewriter) varToAssign(gd *ast.GenDecl) []edit {
	spec := gd.Specs[0].(*ast.ValueSpec)
	var names []string
	for _, n := range spec.Names {
		names = append(names, n.Name)
	}
	from, to := r.off(gd.Pos()), r.off(spec.Values[0].Pos())
	text := strings.Join(names, ", ") + " = "
	if n := strings.Count(r.sp.src[from:to], "\n"); n > 0 {
		text += strings.Repeat("\n", n)
	}
	return []edit{{pos: from, end: to, text: text, order: orderReplace}}
}

// yaegi v0.16.1 loses the variables of a multi-value definition (`c, d :=
// f()`, `v, ok := m[k]`, `var c, d = f()`) in a block of the top level of
// a cell (the body of a top-level for, if or switch, a select case): the
// next use fails with "undefined: c". A comma-ok form (`v, ok := m[k]`,
// `<-ch`, `x.(T)`) at the top level, even as a statement of its own or in
// the init of an if, switch or for, crashes the interpreter ("nil type").
// Inside functions, and as a top-level statement of its own, it works, and
// so does a definition with one value per variable. The values go to typed
// temporaries first, on the same line:
//
//	c, d := f()   →   var _t1 int; var _t2 string; _t1, _t2 = f(); c, d := _t1, _t2
//
// keeping the := (redeclaration, scope, a fresh variable at each loop
// iteration). In an init (where a call works and is left alone), the
// statement is opened in a block:
//
//	if v, ok := m[k]; ok {…}   →   { var _t1 V; var _t2 bool; _t1, _t2 = m[k]; if v, ok := _t1, _t2; ok {…} }
//
// and a select case `case v, ok := <-ch:` receives into temporaries
// declared in a block around the select.

// topDefine rewrites a multi-value := of the top level that is not a
// top-level statement.
func (r *rewriter) topDefine(a *ast.AssignStmt) {
	if !r.fn.top || a.Tok != token.DEFINE || len(a.Lhs) < 2 || len(a.Rhs) != 1 || r.tc.info == nil {
		return
	}
	var head ast.Stmt // the statement whose init a is
	var kw token.Pos  // its keyword
	var kwText string
	comm := false
	switch p := r.parent(1).(type) {
	case *ast.IfStmt:
		if p.Init == a {
			head, kw, kwText = p, p.If, "if"
		}
	case *ast.SwitchStmt:
		if p.Init == a {
			head, kw, kwText = p, p.Switch, "switch"
		}
	case *ast.TypeSwitchStmt:
		if p.Init == a {
			head, kw, kwText = p, p.Switch, "switch"
		}
	case *ast.ForStmt:
		if p.Init == a {
			head, kw, kwText = p, p.For, "for"
		}
	case *ast.CommClause:
		comm = p.Comm == a
	case *ast.BlockStmt, *ast.CaseClause, nil: // nil: a top-level statement
	default:
		return
	}
	_, isCall := ast.Unparen(a.Rhs[0]).(*ast.CallExpr)
	switch {
	case head != nil && isCall:
		return // a call in an init works
	case head == nil && !comm && r.depth() <= 1:
		// A top-level statement: a call works, a comma-ok form crashes,
		// unless the cell's declarations use the variables (then Then
		// assigns them, which works; see splitDefine).
		if isCall || r.splitDefine(a) != "" {
			return
		}
	}
	decls, temps, ok := r.temporaries(a.Rhs[0], len(a.Lhs))
	if !ok {
		return
	}
	if decls == "" {
		r.refuse(a, "a multi-value := whose types the cell cannot name, in a block at the top level of a cell (move it into a function)")
		return
	}
	// The variables take their temporaries; blank identifiers are left
	// out (yaegi mistypes `n, _ := t1, t2` in the body of a range loop).
	var names, used []string
	for i, l := range a.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" && len(a.Lhs) > 1 {
			continue
		}
		names = append(names, oneLine(r.text(l)))
		used = append(used, temps[i])
	}
	lhs := strings.Join(names, ", ")
	vals := strings.Join(used, ", ")
	ts := strings.Join(temps, ", ")
	d := r.depth()
	toTemps := func() {
		r.ed.replace(r.off(a.Lhs[0].Pos()), r.off(a.TokPos)+len(":="), ts+" =")
	}
	switch {
	case comm:
		// case _t1, _t2 = <-ch: v, ok := _t1, _t2; …, the temporaries
		// declared around the select (and its label).
		cc := r.parent(1).(*ast.CommClause)
		sel, sd := r.parent(3), d-3
		if l, ok := r.parent(4).(*ast.LabeledStmt); ok && l.Stmt == sel {
			sel, sd = l, sd-1
		}
		if _, ok := r.parent(3).(*ast.SelectStmt); !ok {
			return
		}
		r.ed.open(r.off(sel.Pos()), sd, "{ "+decls+" ")
		r.ed.close(r.off(sel.End()), sd, " }")
		toTemps()
		r.ed.open(r.off(cc.Colon)+1, d, " "+lhs+" := "+vals+";")
	case head != nil:
		if l, ok := r.parent(2).(*ast.LabeledStmt); ok && l.Stmt == head {
			r.refuse(a, "a comma-ok := in the init of a labeled statement at the top level of a cell (move it into a function)")
			return
		}
		if f, ok := head.(*ast.ForStmt); ok {
			var vars []*ast.Ident
			for _, l := range a.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					vars = append(vars, id)
				}
			}
			if r.captured(vars, f.Cond, f.Post, f.Body) {
				r.refuse(a, "a comma-ok := in the init of a for loop whose variables are captured, at the top level of a cell (move it into a function)")
				return
			}
		}
		semi := strings.IndexByte(r.sp.src[r.off(a.End()):], ';')
		if semi < 0 {
			return
		}
		hd := d - 1
		r.ed.replace(r.off(kw), r.off(a.Lhs[0].Pos()), "{ "+decls+" ")
		toTemps()
		r.ed.replace(r.off(a.End()), r.off(a.End())+semi+1, "; "+kwText+" "+lhs+" := "+vals+";")
		r.ed.close(r.off(head.End()), hd, " }")
	default:
		r.ed.open(r.off(a.Pos()), d, decls+" ")
		toTemps()
		r.ed.close(r.off(a.End()), d, "; "+lhs+" := "+vals)
	}
}

// topVarDecl rewrites `var c, d = f()` in a block of the top level, as
// topDefine does `c, d := f()`.
func (r *rewriter) topVarDecl(ds *ast.DeclStmt) {
	gd, ok := ds.Decl.(*ast.GenDecl)
	if !r.fn.top || !ok || gd.Tok != token.VAR || r.tc.info == nil {
		return
	}
	multi := false
	for _, s := range gd.Specs {
		if vs, ok := s.(*ast.ValueSpec); ok && len(vs.Names) >= 2 && len(vs.Values) == 1 {
			multi = true
		}
	}
	if !multi {
		return
	}
	if gd.Lparen.IsValid() || len(gd.Specs) != 1 {
		r.refuse(gd, "a grouped var declaration with a multi-value initializer in a block at the top level of a cell (write one var per line)")
		return
	}
	vs := gd.Specs[0].(*ast.ValueSpec)
	decls, temps, ok := r.temporaries(vs.Values[0], len(vs.Names))
	if !ok {
		return
	}
	if decls == "" {
		r.refuse(gd, "a multi-value var declaration whose types the cell cannot name, in a block at the top level of a cell (move it into a function)")
		return
	}
	var names []string
	for _, n := range vs.Names {
		names = append(names, n.Name)
	}
	typ := ""
	if vs.Type != nil {
		typ = " " + oneLine(r.text(vs.Type))
	}
	ts := strings.Join(temps, ", ")
	d := r.depth()
	r.ed.replace(r.off(gd.Pos()), r.off(vs.Values[0].Pos()), decls+" "+ts+" = ")
	r.ed.close(r.off(vs.Values[0].End()), d, "; var "+strings.Join(names, ", ")+typ+" = "+ts)
}

// temporaries returns the declarations of n typed temporaries for the
// values of the multi-value expression e ("var _t1 T1; var _t2 T2;") and
// their names. ok is false when e is not typed (the cell has a type error
// that yaegi reports); decls is "" when a type cannot be named.
func (r *rewriter) temporaries(e ast.Expr, n int) (decls string, temps []string, ok bool) {
	tv, found := r.tc.info.Types[e]
	tuple, isTuple := tv.Type.(*types.Tuple)
	if !found || !isTuple || tuple.Len() != n {
		return "", nil, false
	}
	var parts []string
	for i := 0; i < n; i++ {
		t := tuple.At(i).Type()
		if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedBool {
			t = types.Typ[types.Bool]
		}
		s, ok := r.typeStr(t)
		if !ok {
			return "", nil, true
		}
		tmp := r.name("T")
		temps = append(temps, tmp)
		parts = append(parts, "var "+tmp+" "+s+";")
	}
	return strings.Join(parts, " "), temps, true
}

// pkgVarCommaOk rewrites a package-level `var v, ok = m[k]` (or a receive,
// or a type assertion), which crashes yaegi ("nil type") while a function
// call works, into a call of a function literal:
//
//	var v, ok = m[k]   →   var v, ok = func() (V, bool) { _t1, _t2 := m[k]; return _t1, _t2 }()
func (r *rewriter) pkgVarCommaOk(gd *ast.GenDecl) {
	if gd.Tok != token.VAR || r.tc.info == nil {
		return
	}
	for _, s := range gd.Specs {
		vs, ok := s.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 2 || len(vs.Values) != 1 {
			continue
		}
		if _, isCall := ast.Unparen(vs.Values[0]).(*ast.CallExpr); isCall {
			continue
		}
		tv := r.tc.info.Types[vs.Values[0]]
		tuple, ok := tv.Type.(*types.Tuple)
		if !ok || tuple.Len() != 2 {
			continue
		}
		var ts []string
		for i := 0; i < 2; i++ {
			t := tuple.At(i).Type()
			if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedBool {
				t = types.Typ[types.Bool]
			}
			s, ok := r.typeStr(t)
			if !ok {
				r.refuse(vs, "a package-level comma-ok var declaration whose types the cell cannot name")
				return
			}
			ts = append(ts, s)
		}
		a, b := r.name("T"), r.name("T")
		d := r.depth()
		r.ed.open(r.off(vs.Values[0].Pos()), d, "func() ("+strings.Join(ts, ", ")+") { "+a+", "+b+" := ")
		r.ed.close(r.off(vs.Values[0].End()), d, "; return "+a+", "+b+" }()")
	}
}

// topBlank renames the blank identifiers that a := at the cell's top level
// defines: yaegi makes "_" a global there, with the type of the value, and
// a later `_ = v` of another type then fails ("reflect.Set: value of type
// bool is not assignable to type S"). Each gets a fresh, unused name.
func (r *rewriter) topBlank(a *ast.AssignStmt) {
	if !r.fn.top || a.Tok != token.DEFINE || len(a.Lhs) < 2 {
		return
	}
	if _, isCall := ast.Unparen(a.Rhs[0]).(*ast.CallExpr); len(a.Rhs) == 1 && !isCall && r.tc.info != nil {
		return // a comma-ok form (_, ok := y.(T)) is topDefine's
	}
	for _, l := range a.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			r.ed.replace(r.off(id.Pos()), r.off(id.End()), r.name("Blank"))
		}
	}
}
