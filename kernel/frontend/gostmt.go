package frontend

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Every go statement becomes a call of _goconc.Go (package
// github.com/goconc/goconc/kernel/cellrt), so that the kernel tracks the
// goroutines of each cell and recovers their panics:
//
//	go f(x, 1)   →   { _a := x; _g := func() { f(_a, 1) }; _goconc.Go(_g) }
//
// Go evaluates the function value and the arguments in the calling
// goroutine: they are copied into temporaries first, left in place in the
// text so that lines do not move. Two kinds of operands are not copied:
// functions that are constants (declared functions, package functions,
// builtins), which would lose their generic inference in a temporary, and
// untyped constants (and nil), which would take their default type in a
// `:=` temporary (`f(1)` with a float64 parameter would no longer compile);
// they are written into the deferred call as they are, which is exact since
// they cannot change. An untyped non-constant operand (a comparison) is
// converted to the parameter's type.

// goStmt rewrites a go statement.
func (r *rewriter) goStmt(g *ast.GoStmt) bool {
	call := g.Call
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		r.forceWrap(lit) // called from the new goroutine, not right away
	}
	wrap := r.fn.defers || r.inLoop()
	g0 := r.name("G")
	r.hoistCall(g.Pos(), call, !r.staticFunc(call.Fun), func(c string) string {
		body := "func() { " + c + " }"
		if wrap {
			body = "func() func() { return " + body + " }()"
		}
		// Through a variable: a function literal passed straight to compiled
		// code runs with its frame as it is when called (see closures.go).
		return g0 + " := " + body + "; _goconc.Go(" + g0 + ")"
	})
	return false
}

// hoistCall rewrites the go or defer statement starting at kw with call
// into a block that copies the operands into temporaries and ends with
// final(the call on the temporaries). If hoistF is false, the function
// expression is rendered into the final call instead of copied.
func (r *rewriter) hoistCall(kw token.Pos, call *ast.CallExpr, hoistF bool, final func(string) string) {
	callee := ""
	if hoistF {
		callee = r.name("F")
		r.ed.replace(r.off(kw), r.off(call.Fun.Pos()), "{ "+callee+" := ")
	} else {
		callee = r.renderCallee(call.Fun)
		r.ed.replace(r.off(kw), r.off(call.Fun.End()), "{ ")
	}
	sig, _ := underSig(r.typeOf(call.Fun))
	var names, argTexts []string
	var hoisted []ast.Expr
	prev := call.Fun.End()
	started := false
	for i, a := range call.Args {
		if r.isConst(a) || r.isNil(a) || r.tc.info == nil && r.isUntyped(a) {
			if t, ok := r.constText(a); ok {
				argTexts = append(argTexts, t)
				r.ed.replace(r.off(prev), r.off(a.Pos()), "")
				r.ed.replace(r.off(a.Pos()), r.off(a.End()), "")
				prev = a.End()
				continue
			}
		}
		n := r.name("A")
		gap := ", "
		if !started {
			gap = "; " + namesPlaceholder
			started = true
		}
		r.ed.replace(r.off(prev), r.off(a.Pos()), gap)
		if r.isUntyped(a) && sig != nil {
			if pt := paramType(sig, i, call.Ellipsis.IsValid()); pt != nil {
				if s, ok := r.typeStr(pt); ok {
					r.ed.open(r.off(a.Pos()), r.depth(), "("+s+")(")
					r.ed.close(r.off(a.End()), r.depth(), ")")
				}
			}
		}
		names = append(names, n)
		argTexts = append(argTexts, n)
		hoisted = append(hoisted, a)
		prev = a.End()
	}
	// The temporaries' names are known only now: patch the first gap.
	if started {
		for i := len(r.ed.edits) - 1; i >= 0; i-- {
			if e := &r.ed.edits[i]; strings.Contains(e.text, namesPlaceholder) {
				e.text = strings.Replace(e.text, namesPlaceholder, strings.Join(names, ", ")+" := ", 1)
				break
			}
		}
	}
	ell := ""
	if call.Ellipsis.IsValid() {
		ell = "..."
	}
	c := callee + "(" + strings.Join(argTexts, ", ") + ell + ")"
	r.ed.replace(r.off(prev), r.off(call.Rparen)+1, "; "+final(c)+" }")
	if hoistF {
		r.walk(call.Fun)
	}
	for _, a := range hoisted {
		r.walk(a)
	}
}

const namesPlaceholder = "\x00names\x00"

func underSig(t types.Type) (*types.Signature, bool) {
	if t == nil {
		return nil, false
	}
	s, ok := t.Underlying().(*types.Signature)
	return s, ok
}

// paramType returns the type of parameter i of sig as seen by argument i.
func paramType(sig *types.Signature, i int, ellipsis bool) types.Type {
	n := sig.Params().Len()
	if n == 0 {
		return nil
	}
	if sig.Variadic() && i >= n-1 {
		last := sig.Params().At(n - 1).Type()
		if ellipsis {
			return last
		}
		if s, ok := last.(*types.Slice); ok {
			return s.Elem()
		}
		return nil
	}
	if i < n {
		return sig.Params().At(i).Type()
	}
	return nil
}

// staticFunc reports whether the function expression f is a constant:
// a declared function, a package function or a builtin, possibly with type
// arguments. Copying it into a temporary would not change its value.
func (r *rewriter) staticFunc(f ast.Expr) bool {
	switch x := ast.Unparen(f).(type) {
	case *ast.Ident:
		if o := r.objOf(x); o != nil {
			switch o.(type) {
			case *types.Func, *types.Builtin:
				return true
			}
			return false
		}
		if r.tc.info != nil && r.tc.info.Uses[x] == nil && isBuiltinName(x.Name) {
			return true
		}
		for _, t := range r.sp.top {
			if fd, ok := t.decl.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == x.Name {
				return true
			}
		}
		return r.tc.info == nil && isBuiltinName(x.Name)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			_, isPkg := r.isPkg(id)
			return isPkg
		}
	case *ast.IndexExpr:
		return r.staticFunc(x.X)
	case *ast.IndexListExpr:
		return r.staticFunc(x.X)
	}
	return false
}

func isBuiltinName(s string) bool {
	switch s {
	case "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
		"max", "min", "new", "panic", "print", "println", "real", "recover":
		return true
	}
	return false
}

// renderCallee returns the text of a function expression moved into a
// generated call, with the rewrites its identifiers need.
func (r *rewriter) renderCallee(f ast.Expr) string {
	switch x := f.(type) {
	case *ast.Ident:
		if r.isBuiltin(x, "min", "max", "clear") {
			return builtinHelper[x.Name]
		}
		r.typeArg[x] = true
		return x.Name + r.typeArgs(x)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if path, ok := r.isPkg(id); ok {
				if repl := stdlibReplacement(path, x.Sel.Name); repl != "" {
					r.typeArg[x.Sel] = true
					return repl + r.typeArgs(x.Sel)
				}
			}
		}
		r.typeArg[x.Sel] = true
		return oneLine(r.text(x)) + r.typeArgs(x.Sel)
	case *ast.IndexExpr:
		return r.renderCallee(x.X) + oneLine(r.sp.src[r.off(x.X.End()):r.off(x.End())])
	case *ast.IndexListExpr:
		return r.renderCallee(x.X) + oneLine(r.sp.src[r.off(x.X.End()):r.off(x.End())])
	}
	return oneLine(r.text(f))
}

// oneLine joins the lines of an expression's text.
func oneLine(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isNil reports whether e is the predeclared nil.
func (r *rewriter) isNil(e ast.Expr) bool {
	if r.tc.info != nil {
		if tv, ok := r.tc.info.Types[e]; ok {
			return tv.IsNil()
		}
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// constText returns text for the untyped constant (or nil) e that can be
// written elsewhere on one line: its own text when it is simple, else its
// value.
func (r *rewriter) constText(e ast.Expr) (string, bool) {
	t := r.text(e)
	simple := !strings.Contains(t, "\n") && !strings.Contains(t, "/*") && !strings.Contains(t, "//")
	ast.Inspect(e, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok && r.isBuiltin(id, "min", "max") {
				simple = false
			}
		}
		return simple
	})
	if simple {
		return t, true
	}
	if r.tc.info == nil {
		return "", false
	}
	tv := r.tc.info.Types[e]
	if tv.Value == nil {
		return "", false
	}
	return constLiteral(tv.Value, tv.Type)
}

// constLiteral writes an untyped constant of type t so that it keeps its
// kind (1.0 stays a float constant, 'a' a rune constant).
func constLiteral(v constant.Value, t types.Type) (string, bool) {
	b, _ := t.(*types.Basic)
	switch v.Kind() {
	case constant.Bool:
		return strconv.FormatBool(constant.BoolVal(v)), true
	case constant.String:
		return strconv.Quote(constant.StringVal(v)), true
	case constant.Int:
		if b != nil && b.Kind() == types.UntypedRune {
			if n, ok := constant.Int64Val(v); ok {
				return strconv.QuoteRune(rune(n)), true
			}
		}
		if b != nil && b.Kind() == types.UntypedFloat {
			return v.ExactString() + ".0", true
		}
		return v.ExactString(), true
	case constant.Float:
		f, _ := constant.Float64Val(v)
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEIN") {
			s += ".0"
		}
		return s, true
	}
	return "", false
}
