package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// yaegi's select shares the cases of a select statement between all its
// executions: goroutines running the same select at once exchange channels
// and values (a merge through forwarders loses or duplicates values), and
// a case on a channel field of a struct behind a pointer never fires.
// Every select statement whose types the cell can name becomes a call of
// _goconc.Select, which builds its cases afresh, and a switch on the case
// that proceeded, all on the line of the select:
//
//	select {                →   { var _c int; var _r any; var _ok bool; _c, _r, _ok = _goconc.Select(false, []int{0, 1}, []any{in, out}, []any{nil, v}); switch _c {
//	case x, ok := <-in:     →   case 0: x, ok := _r.(T), _ok;
//	case out <- v:          →   case 1:
//	default:                →   default:
//	}                       →   } }
//
// A value sent to a channel of a non-interface type is converted to it
// (an untyped constant or comparison would otherwise reach reflect with its
// default type). The channel operands and the values sent are evaluated once, in source
// order, on entering the select, as Go does; the variables of a receive
// are assigned in the chosen case. break leaves the switch as it left the
// select. A receive of an interface type T that may be nil is converted
// by a function literal called in place; a receive of type any is taken
// as it is. Select also waits on cellrt's interrupt channel, so that an
// interrupted cell does not stay blocked in compiled code.

// selCase is one case of a select being rewritten.
type selCase struct {
	cc    *ast.CommClause
	send  bool
	ch    ast.Expr // channel operand, nil for default
	val   ast.Expr // value sent
	elem  types.Type
	asg   *ast.AssignStmt // receive with assignment, or nil
	elemS string          // elem type text, if needed
}

// selectStmt rewrites the select statement s if it can, and reports
// whether it did (it then walked the children).
func (r *rewriter) selectStmt(s *ast.SelectStmt) bool {
	if r.tc.info == nil || len(s.Body.List) == 0 {
		return false
	}
	var cases []selCase
	hasDefault := false
	for _, st := range s.Body.List {
		cc, ok := st.(*ast.CommClause)
		if !ok {
			return false
		}
		c := selCase{cc: cc}
		switch comm := cc.Comm.(type) {
		case nil:
			hasDefault = true
			cases = append(cases, c)
			continue
		case *ast.SendStmt:
			c.send, c.ch, c.val = true, comm.Chan, comm.Value
		case *ast.ExprStmt:
			u, ok := ast.Unparen(comm.X).(*ast.UnaryExpr)
			if !ok || u.Op != token.ARROW {
				return false
			}
			c.ch = u.X
		case *ast.AssignStmt:
			if len(comm.Rhs) != 1 || len(comm.Lhs) < 1 || len(comm.Lhs) > 2 {
				return false
			}
			u, ok := ast.Unparen(comm.Rhs[0]).(*ast.UnaryExpr)
			if !ok || u.Op != token.ARROW {
				return false
			}
			c.ch, c.asg = u.X, comm
		default:
			return false
		}
		ct := r.typeOf(c.ch)
		if ct == nil || hasTypeParam(ct) {
			return false
		}
		ch, ok := ct.Underlying().(*types.Chan)
		if !ok {
			return false
		}
		c.elem = ch.Elem()
		needType := c.asg != nil && !isBlank(c.asg.Lhs[0]) ||
			c.send && !r.isNil(c.val) && !types.IsInterface(c.elem)
		if needType {
			ts, ok := r.typeStr(c.elem)
			if !ok {
				return false
			}
			c.elemS = ts
		}
		for _, e := range []ast.Expr{c.ch, c.val} {
			if e == nil {
				continue
			}
			if t := r.text(e); strings.Contains(t, "\n") && (strings.Contains(t, "//") || strings.Contains(t, "/*") || strings.Contains(t, "`")) {
				return false
			}
		}
		cases = append(cases, c)
	}
	// The operands, walked and rendered in source order.
	var dirs, chans, sends []string
	usesRecv := false
	for _, c := range cases {
		if c.cc.Comm == nil {
			continue
		}
		r.walkIn(c.cc, c.cc.Comm, c.ch)
		chans = append(chans, r.render(c.ch))
		switch {
		case c.send:
			dirs = append(dirs, "1")
			r.walkIn(c.cc, c.cc.Comm, c.val)
			v := r.render(c.val)
			if c.elemS != "" {
				v = "(" + c.elemS + ")(" + v + ")"
			}
			sends = append(sends, v)
		default:
			dirs = append(dirs, "0")
			sends = append(sends, "nil")
			if c.asg != nil {
				usesRecv = true
			}
		}
	}
	cv, rv, okv := r.name("SelC"), "_", "_"
	decls := "var " + cv + " int; "
	if usesRecv {
		rv, okv = r.name("SelR"), r.name("SelOK")
		decls += "var " + rv + " any; var " + okv + " bool; "
	}
	call := "_goconc.Select(" + strconv.FormatBool(hasDefault) + ", []int{" + strings.Join(dirs, ", ") +
		"}, []any{" + strings.Join(chans, ", ") + "}, []any{" + strings.Join(sends, ", ") + "})"
	var start ast.Node = s
	sd := r.depth() - 1
	if l, ok := r.parent(1).(*ast.LabeledStmt); ok && l.Stmt == s {
		start, sd = l, sd-1
	}
	r.ed.open(r.off(start.Pos()), sd, "{ "+decls+cv+", "+rv+", "+okv+" = "+call+"; ")
	r.ed.replace(r.off(s.Select), r.off(s.Select)+len("select"), "switch "+cv)
	r.ed.close(r.off(s.End()), sd, " }")
	// The cases.
	i := 0
	for _, c := range cases {
		cc := c.cc
		if cc.Comm == nil {
			continue
		}
		r.ed.replace(r.off(cc.Case), r.off(cc.Colon), "case "+strconv.Itoa(i))
		i++
		if c.asg == nil {
			continue
		}
		var lhs []string
		for _, l := range c.asg.Lhs {
			if c.asg.Tok == token.ASSIGN {
				r.walkIn(cc, c.asg, l)
				lhs = append(lhs, r.render(l))
			} else {
				lhs = append(lhs, r.text(l))
			}
		}
		vals := []string{r.recvValue(rv, c.elem, c.elemS), okv}
		var ls, vs []string
		for j, l := range lhs {
			if c.asg.Tok == token.DEFINE && l == "_" {
				continue
			}
			ls, vs = append(ls, l), append(vs, vals[j])
		}
		if len(ls) > 0 {
			r.ed.open(r.off(cc.Colon)+1, r.depth(), " "+strings.Join(ls, ", ")+" "+c.asg.Tok.String()+" "+strings.Join(vs, ", ")+";")
		}
	}
	// The bodies, in their clauses.
	for _, c := range cases {
		r.stack = append(r.stack, c.cc)
		for _, st := range c.cc.Body {
			r.walk(st)
		}
		r.stack = r.stack[:len(r.stack)-1]
	}
	return true
}

// recvValue returns the expression that converts the received value rv
// (an any) to the element type t, written ts.
func (r *rewriter) recvValue(rv string, t types.Type, ts string) string {
	if ts == "" {
		return rv
	}
	if it, ok := types.Unalias(t).(*types.Interface); ok && it.Empty() {
		return rv
	}
	if types.IsInterface(t) {
		return "func() " + ts + " { if " + rv + " != nil { return " + rv + ".(" + ts + ") }; return nil }()"
	}
	return rv + ".(" + ts + ")"
}

// walkIn walks e with the enclosing nodes of e pushed on the stack.
func (r *rewriter) walkIn(enclosing ...ast.Node) {
	e := enclosing[len(enclosing)-1]
	n := len(r.stack)
	r.stack = append(r.stack, enclosing[:len(enclosing)-1]...)
	r.walk(e)
	r.stack = r.stack[:n]
}

// render returns the text of e with the edits recorded inside it, on one
// line.
func (r *rewriter) render(e ast.Node) string {
	from, to := r.off(e.Pos()), r.off(e.End())
	sub := editor{src: r.sp.src[from:to]}
	for _, ed := range r.ed.edits {
		if ed.pos < from || ed.end > to || ed.pos > to {
			continue
		}
		if ed.pos == ed.end && (ed.pos == from && ed.order < 0 || ed.pos == to && ed.order >= 0) {
			continue // belongs to what comes before or after e
		}
		ed.pos -= from
		ed.end -= from
		sub.edits = append(sub.edits, ed)
	}
	return oneLine(sub.apply(nil))
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// hasTypeParam reports whether t mentions a type parameter.
func hasTypeParam(t types.Type) bool {
	found := false
	var visit func(t types.Type)
	seen := map[types.Type]bool{}
	visit = func(t types.Type) {
		if found || t == nil || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.TypeParam:
			found = true
		case *types.Named:
			if ta := t.TypeArgs(); ta != nil {
				for i := 0; i < ta.Len(); i++ {
					visit(ta.At(i))
				}
			}
		case *types.Alias:
			visit(types.Unalias(t))
		case *types.Pointer:
			visit(t.Elem())
		case *types.Slice:
			visit(t.Elem())
		case *types.Array:
			visit(t.Elem())
		case *types.Map:
			visit(t.Key())
			visit(t.Elem())
		case *types.Chan:
			visit(t.Elem())
		case *types.Signature:
			for i := 0; i < t.Params().Len(); i++ {
				visit(t.Params().At(i).Type())
			}
			for i := 0; i < t.Results().Len(); i++ {
				visit(t.Results().At(i).Type())
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				visit(t.Field(i).Type())
			}
		}
	}
	visit(t)
	return found
}
