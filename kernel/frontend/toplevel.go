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
// variable that an earlier cell declared.
func (r *rewriter) refersToEarlierVar(gd *ast.GenDecl) bool {
	found := false
	for _, s := range gd.Specs {
		for _, v := range s.(*ast.ValueSpec).Values {
			ast.Inspect(v, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if o, ok := r.tc.info.Uses[id].(*types.Var); ok && !o.IsField() &&
						o.Parent() == r.tc.pkg.Scope() && !r.inCell(o.Pos()) {
						found = true
					}
				}
				return !found
			})
		}
	}
	return found
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
