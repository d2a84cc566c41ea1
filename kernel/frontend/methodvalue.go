package frontend

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// A method value x.M that is not called where it stands binds its
// receiver when it is evaluated: Go copies x (or *x, or takes &x) then.
// yaegi binds the variable instead and calls the method on what the
// variable holds when the method value is called: after `f := p.Run;
// p = other`, f runs other's Run, and `wg.Go(w.Run)` in a loop runs the
// last worker for every iteration. The receiver is therefore passed to a
// function literal called in place, whose parameter is a fresh variable:
//
//	f := p.Run   →   f := func(_r *P) func() { return _r.Run }(p)
//
// A method of a compiled type cannot be returned as a value by yaegi: the
// literal returns a closure that calls it,
//
//	w := sb.WriteString   →   w := func(_r *strings.Builder) func(s string) (int, error) {
//		return func(_a0 string) (int, error) { return _r.WriteString(_a0) } }(&(sb))
//
// The argument is the receiver as Go computes it, with the path of a
// promoted method written out: x or *x for a value receiver, x or &x for
// a pointer receiver, the interface value for an interface method
// (x.E.M with E an embedded field: x.E, *x.E or &x.E).

// methodValue rewrites sel if it is a method value, and reports whether it
// did; the children of sel are still to be walked.
func (r *rewriter) methodValue(sel *ast.SelectorExpr) bool {
	p := r.parent(1)
	for i := 2; ; i++ {
		if _, ok := p.(*ast.ParenExpr); !ok {
			break
		}
		p = r.parent(i)
	}
	if c, ok := p.(*ast.CallExpr); ok && ast.Unparen(c.Fun) == sel {
		return false // a call, not a method value
	}
	open, path, ok := r.methodValueParts(sel)
	if !ok {
		return false
	}
	r.ed.open(r.off(sel.X.Pos()), r.depth(), open)
	from, to := r.off(sel.X.End()), r.off(sel.End())
	if nl := newlines(r.sp.src[from:to]); nl != "" {
		// x.\n M: the line break goes after a comma, where it inserts no
		// semicolon.
		r.ed.add(edit{pos: from, end: to, text: path + "," + nl + ")", order: orderReplace})
	} else {
		r.ed.replace(from, to, path+")")
	}
	return true
}

// methodValueText returns the rewritten text of e if it is a method value
// (for code that copies an operand's text instead of walking it).
func (r *rewriter) methodValueText(e ast.Expr) (string, bool) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	open, path, ok := r.methodValueParts(sel)
	if !ok {
		return "", false
	}
	return open + oneLine(r.text(sel.X)) + path + ")", true
}

// methodValueParts returns, for a method value sel, the text that replaces
// what comes before sel.X and what replaces ".M" after it (the closing
// parenthesis not included).
func (r *rewriter) methodValueParts(sel *ast.SelectorExpr) (open, path string, ok bool) {
	if r.tc.info == nil {
		return "", "", false
	}
	s := r.tc.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return "", "", false
	}
	fn, ok := s.Obj().(*types.Func)
	if !ok {
		return "", "", false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return "", "", false
	}
	// The receiver expression: x followed by the embedded fields of the path.
	path = ""
	t := r.typeOf(sel.X)
	if t == nil {
		return "", "", false
	}
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return "", "", false
		}
		f := st.Field(i)
		if !f.Exported() && f.Pkg() != r.tc.pkg {
			return "", "", false
		}
		path += "." + f.Name()
		t = f.Type()
	}
	param, pre := t, ""
	pt, isPtr := types.Unalias(t).(*types.Pointer)
	_, ptrRecv := sig.Recv().Type().(*types.Pointer)
	switch {
	case types.IsInterface(t):
	case ptrRecv && !isPtr:
		param, pre = types.NewPointer(t), "&"
	case !ptrRecv && isPtr:
		param, pre = pt.Elem(), "*"
	}
	ps, ok1 := r.typeStr(param)
	fs, ok2 := r.typeStr(r.typeOf(sel))
	if !ok1 || !ok2 {
		return "", "", false
	}
	rv := r.name("Recv")
	body := rv + "." + sel.Sel.Name
	if fn.Pkg() != nil && fn.Pkg() != r.tc.pkg && !types.IsInterface(t) {
		// A method of a compiled type: yaegi cannot return it as a value
		// ("cannot use (type valueT) as type funcT"); a closure calls it.
		msig, _ := r.typeOf(sel).(*types.Signature)
		fwd, ok := r.forward(msig, body)
		if !ok {
			return "", "", false
		}
		body = fwd
	}
	open = "func(" + rv + " " + ps + ") " + fs + " { return " + body + " }("
	if pre != "" {
		open += pre + "("
		path += ")"
	}
	return open, path, true
}

// forward returns a function literal of signature sig that calls call
// with its parameters and returns its results.
func (r *rewriter) forward(sig *types.Signature, call string) (string, bool) {
	if sig == nil {
		return "", false
	}
	params, args, res, ret, ok := r.literalSig(sig, r.name("A"))
	if !ok {
		return "", false
	}
	return "func(" + strings.Join(params, ", ") + ")" + res + " { " + ret + call + "(" + strings.Join(args, ", ") + ") }", true
}

// literalSig spells sig for a function literal: its parameters, named
// base_0, base_1, …, the arguments that pass them on (with ... for a
// variadic one), the result list and "return " when there are results.
// ok is false when a type cannot be named in the cell.
func (r *rewriter) literalSig(sig *types.Signature, base string) (params, args []string, res, ret string, ok bool) {
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		name := base + "_" + strconv.Itoa(i)
		dots := ""
		if sig.Variadic() && i == sig.Params().Len()-1 {
			t = t.(*types.Slice).Elem()
			dots = "..."
		}
		ts, ok := r.typeStr(t)
		if !ok {
			return nil, nil, "", "", false
		}
		params = append(params, name+" "+dots+ts)
		args = append(args, name+dots)
	}
	var results []string
	for i := 0; i < sig.Results().Len(); i++ {
		ts, ok := r.typeStr(sig.Results().At(i).Type())
		if !ok {
			return nil, nil, "", "", false
		}
		results = append(results, ts)
	}
	switch len(results) {
	case 0:
	case 1:
		res, ret = " "+results[0], "return "
	default:
		res, ret = " ("+strings.Join(results, ", ")+")", "return "
	}
	return params, args, res, ret, true
}

// methodExpr rewrites a method expression T.M, (*T).M or I.M (yaegi
// rejects or mis-calls them: "too many arguments") into a function literal
// that calls the method on its first parameter:
//
//	(*T).Add   →   func(_a0 *T, _a1 int) { _a0.Add(_a1) }
func (r *rewriter) methodExpr(sel *ast.SelectorExpr) bool {
	if r.tc.info == nil {
		return false
	}
	s := r.tc.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodExpr {
		return false
	}
	if _, ok := s.Recv().(*types.TypeParam); ok {
		return false // T.M in a generic function: left as written (the interpreter's generics take it)
	}
	sig, ok := r.typeOf(sel).(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return false
	}
	base := r.name("A")
	params, args, res, ret, ok := r.literalSig(sig, base)
	if !ok {
		r.refuse(sel, "a method expression of a type the cell cannot name")
		return true
	}
	check := ""
	if types.IsInterface(sig.Params().At(0).Type()) {
		// A nil interface panics with Go's nil dereference (the
		// interpreter's * raises it), not with reflect's message.
		check = "if " + base + "_0 == nil { var _goconcn *int; _ = *_goconcn }; "
	}
	lit := "func(" + strings.Join(params, ", ") + ")" + res + " { " + check + ret + base + "_0." + sel.Sel.Name + "(" + strings.Join(args[1:], ", ") + ") }"
	if c, ok := r.parent(1).(*ast.CallExpr); ok && c.Fun == sel {
		lit = "(" + lit + ")"
	}
	r.ed.replace(r.off(sel.Pos()), r.off(sel.End()), lit)
	return true
}
