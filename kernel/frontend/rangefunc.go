package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// Range over a function (Go 1.23) panics in yaegi v0.16.1. The loop
//
//	for k, v := range seq { body }
//
// becomes a call of seq with the body as the yield function:
//
//	{ (seq)(func(k K, v V) bool { body; return true }) }
//
// inside which `continue` is `return true` and `break` is `return false`.
// Jumps that leave the body — return, and break or continue of an
// enclosing loop (labeled) — set a jump code, stop the iteration with
// `return false`, and are completed after the call (`if _J == 2 { _J = 0;
// continue outer }`); nested range-over-func loops pass the code outward.
// The results of a return are stored first (in the named results, or in
// variables declared before the outermost such loop). Deferred calls in
// the body are pushed on a list that the enclosing function runs on return
// (`defer _D.run()`, registered before the loop), which keeps Go's order.
// goto out of the body and recover in such a deferred call are refused.

type rangeKind int

const (
	rangeOther rangeKind = iota
	rangeInteger
	rangeFunction
)

// kindOf tells what a range loop ranges over.
func (r *rewriter) kindOf(x ast.Expr) rangeKind {
	if t := r.typeOf(x); t != nil {
		switch u := t.Underlying().(type) {
		case *types.Basic:
			if u.Info()&types.IsInteger != 0 {
				return rangeInteger
			}
		case *types.Signature:
			return rangeFunction
		}
		return rangeOther
	}
	if b, ok := ast.Unparen(x).(*ast.BasicLit); ok && b.Kind == token.INT {
		return rangeInteger
	}
	return rangeOther
}

func (r *rewriter) isRangeFunc(rs *ast.RangeStmt) bool { return r.kindOf(rs.X) == rangeFunction }

// rangeStmt rewrites a range loop according to what it ranges over.
func (r *rewriter) rangeStmt(rs *ast.RangeStmt, label string) bool {
	switch r.kindOf(rs.X) {
	case rangeFunction:
		r.enterRangeFunc(rs, label)
	case rangeInteger:
		r.pushLoop(rs, label)
		r.rangeInt(rs)
	default:
		r.pushLoop(rs, label)
		if r.chanElems(rs.X) {
			r.rangeIndex(rs)
		} else {
			r.rangeCopy(rs)
		}
	}
	return true
}

// rangeFunc is a range-over-func loop being rewritten.
type rangeFunc struct {
	rs    *ast.RangeStmt
	t     *target
	outer *rangeFunc // enclosing range-over-func loop of the same function
	root  *rangeFunc // outermost one: declares the shared variables
	exits map[int]exit

	// Set on the root only.
	jmp     string   // jump code variable
	results []string // where return stores its results
	named   bool     // results are the function's named results
	defers  string   // deferred-call list
	code    int      // last jump code
}

// exit is a jump out of a body: a return (code -1) or a break/continue.
type exit struct {
	t     *target
	tok   token.Token
	label string
}

func (r *rewriter) innerRangeFunc() *rangeFunc {
	if n := len(r.fn.rangeFns); n > 0 {
		return r.fn.rangeFns[n-1]
	}
	return nil
}

func (rf *rangeFunc) jump(r *rewriter) string {
	if rf.root.jmp == "" {
		rf.root.jmp = r.name("J")
	}
	return rf.root.jmp
}

func (rf *rangeFunc) deferList(r *rewriter) string {
	if rf.root.defers == "" {
		rf.root.defers = r.name("D")
	}
	return rf.root.defers
}

// resultVars returns where a return in the body stores its results.
func (rf *rangeFunc) resultVars(r *rewriter) []string {
	root := rf.root
	if root.results != nil || r.fn.typ.Results == nil {
		return root.results
	}
	for _, f := range r.fn.typ.Results.List {
		for _, n := range f.Names {
			root.results = append(root.results, n.Name)
			root.named = true
		}
	}
	if !root.named {
		for range r.fn.typ.Results.List {
			root.results = append(root.results, r.name("R"))
		}
	}
	return root.results
}

func (r *rewriter) enterRangeFunc(rs *ast.RangeStmt, label string) {
	t := r.pushLoop(rs, label)
	sig, _ := underSig(r.typeOf(rs.X))
	var yield *types.Signature
	if sig != nil && sig.Params().Len() == 1 && sig.Results().Len() == 0 {
		yield, _ = underSig(sig.Params().At(0).Type())
	}
	if yield == nil || yield.Results().Len() != 1 || yield.Params().Len() > 2 {
		r.refuse(rs, "range over a function that is not an iterator")
		return
	}
	rf := &rangeFunc{rs: rs, t: t, outer: r.innerRangeFunc(), exits: map[int]exit{}}
	rf.root = rf
	if rf.outer != nil {
		rf.root = rf.outer.root
	}
	t.rf = rf
	r.fn.rangeFns = append(r.fn.rangeFns, rf)

	vars := []ast.Expr{rs.Key, rs.Value}
	var params, assigns []string
	for i := 0; i < yield.Params().Len(); i++ {
		ts, ok := r.typeStr(yield.Params().At(i).Type())
		if !ok {
			r.refuse(rs, "range over a function whose element type cannot be named in the cell")
			return
		}
		name := "_"
		if v := vars[i]; v != nil && r.text(v) != "_" {
			if rs.Tok == token.DEFINE {
				name = v.(*ast.Ident).Name
			} else {
				name = r.name("Y")
				assigns = append(assigns, r.text(v)+" = "+name+"; ")
			}
		}
		params = append(params, name+" "+ts)
	}
	r.ed.replace(r.off(rs.For), r.off(rs.X.Pos()), "(")
	r.ed.replace(r.off(rs.X.End()), r.off(rs.Body.Lbrace)+1,
		")(func("+strings.Join(params, ", ")+") bool { "+strings.Join(assigns, ""))
	r.ed.close(r.off(rs.Body.Rbrace), r.depth(), "; return true ")
}

// leaveRange completes a range-over-func loop after its body was walked.
func (r *rewriter) leaveRange(rs *ast.RangeStmt) {
	rf := r.innerRangeFunc()
	if rf == nil || rf.rs != rs {
		return
	}
	r.fn.rangeFns = r.fn.rangeFns[:len(r.fn.rangeFns)-1]
	d := r.depth()
	var after strings.Builder
	after.WriteString(")")
	codes := make([]int, 0, len(rf.exits))
	for c := range rf.exits {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		ex := rf.exits[c]
		j := rf.jump(r)
		cond := "; if " + j + " == " + strconv.Itoa(c) + " { "
		if rf.outer != nil && r.propagates(ex, rf.outer) {
			rf.outer.exits[c] = ex
			after.WriteString(cond + "return false }")
			continue
		}
		after.WriteString(cond + j + " = 0; " + r.jumpText(rf, ex) + " }")
	}
	after.WriteString(" }")
	r.ed.close(r.off(rs.End()), d, after.String())

	head := "{ "
	if rf.root == rf {
		if rf.jmp != "" {
			head += "var " + rf.jmp + " int; "
		}
		if !rf.named {
			for i, n := range rf.results {
				head += "var " + n + " " + oneLine(types.ExprString(r.fn.typ.Results.List[i].Type)) + "; "
			}
		}
		if rf.defers != "" {
			head += rf.defers + " := new(_goconcDeferList); defer " + rf.defers + ".run(); "
		}
	}
	r.ed.open(r.off(rs.For), d, head)
}

// propagates reports whether exit ex must leave the body of outer too.
func (r *rewriter) propagates(ex exit, outer *rangeFunc) bool {
	if ex.t == nil {
		return true // return
	}
	if ex.t == outer.t {
		return false // break or continue of outer: done in its body
	}
	for _, t := range r.fn.targets {
		if t == ex.t {
			return true // ex.t encloses outer (it comes first in the stack)
		}
		if t == outer.t {
			return false
		}
	}
	return false
}

// jumpText is the statement completing exit ex right after the call of rf.
func (r *rewriter) jumpText(rf *rangeFunc, ex exit) string {
	if ex.t == nil {
		res := rf.root.results
		if rf.root.named || len(res) == 0 {
			return "return"
		}
		return "return " + strings.Join(res, ", ")
	}
	if ex.t.rf != nil {
		if ex.tok == token.BREAK {
			return "return false"
		}
		return "return true"
	}
	if ex.tok == token.CONTINUE {
		if ex.t.contText != nil {
			return ex.t.contText(ex.label)
		}
		return "continue" + withLabel(ex.label)
	}
	return "break" + withLabel(ex.label)
}

// resolve returns the target of a break or continue and its index in the
// function's target stack.
func (r *rewriter) resolve(b *ast.BranchStmt) (*target, int) {
	ts := r.fn.targets
	for i := len(ts) - 1; i >= 0; i-- {
		t := ts[i]
		switch {
		case b.Label != nil:
			if t.label == b.Label.Name {
				return t, i
			}
		case b.Tok == token.CONTINUE:
			if t.loop {
				return t, i
			}
		default:
			return t, i
		}
	}
	return nil, -1
}

// branch rewrites break, continue and goto where loops were rewritten.
func (r *rewriter) branch(b *ast.BranchStmt) {
	switch b.Tok {
	case token.GOTO:
		if rf := r.innerRangeFunc(); rf != nil && !definesLabel(rf.rs.Body, b.Label.Name) {
			r.refuse(b, "goto out of the body of a range-over-func loop")
		}
		return
	case token.FALLTHROUGH:
		return
	}
	t, idx := r.resolve(b)
	if t == nil {
		return
	}
	label := ""
	if b.Label != nil {
		label = b.Label.Name
	}
	var inner *rangeFunc
	for _, tt := range r.fn.targets[idx+1:] {
		if tt.rf != nil {
			inner = tt.rf
		}
	}
	from, to := r.off(b.Pos()), r.off(b.End())
	switch {
	case inner != nil:
		rt := inner.root
		rt.code++
		inner.exits[rt.code] = exit{t: t, tok: b.Tok, label: label}
		r.ed.replace(from, to, "{ "+inner.jump(r)+" = "+strconv.Itoa(rt.code)+"; return false }")
	case t.rf != nil:
		if b.Tok == token.BREAK {
			r.ed.replace(from, to, "return false")
		} else {
			r.ed.replace(from, to, "return true")
		}
	case b.Tok == token.CONTINUE && t.contText != nil:
		r.ed.replace(from, to, t.contText(label))
	}
}

func definesLabel(body ast.Node, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			if x.Label.Name == name {
				found = true
			}
		}
		return !found
	})
	return found
}

// returnStmt parenthesises received values (yaegi fails on `return <-ch`
// and silently loses `v = <-ch` into a named result) and turns a return in
// the body of a range-over-func loop into a jump.
func (r *rewriter) returnStmt(ret *ast.ReturnStmt) {
	for _, e := range ret.Results {
		r.parenRecv(e)
	}
	rf := r.innerRangeFunc()
	if rf == nil {
		r.namedReturn(ret)
		return
	}
	if r.fn.top {
		r.refuse(ret, "return at the top level of a cell")
		return
	}
	rf.exits[-1] = exit{}
	j := rf.jump(r)
	kw := r.off(ret.Return)
	if len(ret.Results) == 0 {
		rf.resultVars(r)
		r.ed.replace(kw, kw+len("return"), "{ "+j+" = -1; return false }")
		return
	}
	res := rf.resultVars(r)
	calls := false
	for _, e := range ret.Results {
		calls = calls || hasCall(e)
	}
	if calls && len(res) > 1 && len(res) == len(ret.Results) && r.tc.info != nil {
		// Assigned simultaneously (see multiassign.go).
		var ts []types.Type
		for _, f := range r.fn.typ.Results.List {
			t := r.typeOf(f.Type)
			for range max(1, len(f.Names)) {
				ts = append(ts, t)
			}
		}
		if len(ts) == len(res) {
			temps, ok := r.evalInto(ret.Pos(), "{ ", ret.Results, ts)
			if !ok {
				return
			}
			var as []string
			for i := range res {
				as = append(as, res[i]+" = "+temps[i])
			}
			r.ed.close(r.off(ret.End()), r.depth(), "; "+strings.Join(as, "; ")+"; "+j+" = -1; return false }")
			return
		}
	}
	r.ed.replace(kw, kw+len("return"), "{ "+strings.Join(res, ", ")+" =")
	r.ed.close(r.off(ret.End()), r.depth(), "; "+j+" = -1; return false }")
}

// assignRecv parenthesises `x = <-ch`, except as a select case, where a
// parenthesised receive is no longer a communication to yaegi: the case
// would never fire. It also applies the rewrites of comma-ok assertions
// (closures.go) and of multi-value := at the top level (toplevel.go).
func (r *rewriter) assignRecv(a *ast.AssignStmt) {
	r.topBlank(a)
	_, inSelect := r.parent(1).(*ast.CommClause)
	if a.Tok == token.ASSIGN && len(a.Lhs) == len(a.Rhs) && !inSelect {
		for _, e := range a.Rhs {
			r.parenRecv(e)
		}
	}
	if !r.commaOk(a, r.parent(1)) {
		r.topDefine(a)
	}
	if _, typeSwitch := r.parent(1).(*ast.TypeSwitchStmt); a.Tok == token.DEFINE && !inSelect && !typeSwitch {
		r.wrapTopInit(len(a.Lhs), a.Rhs)
	}
}

func (r *rewriter) parenRecv(e ast.Expr) {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		r.ed.open(r.off(u.Pos()), r.depth(), "(")
		r.ed.close(r.off(u.End()), r.depth(), ")")
	}
}
