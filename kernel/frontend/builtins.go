package frontend

import (
	"go/ast"
	"go/types"
)

// min, max (Go 1.21) and clear are missing from yaegi v0.16.1, and recover
// returns the panic value wrapped in a reflect.Value. A call of
// min or max with a constant result (min(1, 2.5)) is replaced by the
// constant, written with its kind and type, so that it stays a constant
// (usable in const declarations, and untyped where Go keeps it untyped).
// Other calls go to prelude functions instantiated with the result type
// (yaegi cannot infer it from untyped arguments); clear goes to a prelude
// function using reflect.Value.Clear, which clears maps and zeroes slices
// as the builtin does. Calls on a named type go through its underlying
// type (see viaUnderlying).

// builtinHelper names the prelude function behind each builtin.
var builtinHelper = map[string]string{
	"min":   "_goconcMin",
	"max":   "_goconcMax",
	"clear": "_goconcClear",
}

// isBuiltin reports whether id denotes one of the predeclared functions
// names (and not a declaration of the same name).
func (r *rewriter) isBuiltin(id *ast.Ident, names ...string) bool {
	match := false
	for _, n := range names {
		if id.Name == n {
			match = true
		}
	}
	if !match {
		return false
	}
	if r.tc.info != nil {
		if o := r.tc.info.Uses[id]; o != nil {
			_, ok := o.(*types.Builtin)
			return ok
		}
	}
	for _, t := range r.sp.top {
		for _, n := range declaredNames(t) {
			if n == id.Name {
				return false
			}
		}
	}
	return true
}

// call rewrites calls of builtins and checks formatting calls.
func (r *rewriter) call(c *ast.CallExpr) bool {
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
		switch {
		case r.isBuiltin(id, "min", "max"):
			return r.minMax(c, id)
		case r.isBuiltin(id, "clear"):
			r.ed.replace(r.off(id.Pos()), r.off(id.End()), builtinHelper["clear"])
			return true
		case r.isBuiltin(id, "new"):
			r.newExpr(c)
			return true
		case r.isBuiltin(id, "panic"):
			r.panicNil(c)
			return true
		case r.isBuiltin(id, "recover"):
			// yaegi recovers the reflect.Value of the panic value, on which
			// every type assertion fails: unwrap it.
			r.ed.open(r.off(c.Pos()), r.depth(), "_goconcRecovered(")
			r.ed.close(r.off(c.End()), r.depth(), ")")
			return true
		}
	}
	r.derefReceiver(c)
	r.embeddedArgs(c)
	r.checkFormat(c)
	r.guardArgs(c)
	r.closureArgs(c)
	return true
}

// minMax rewrites a call of min or max.
func (r *rewriter) minMax(c *ast.CallExpr, id *ast.Ident) bool {
	var tv types.TypeAndValue
	if r.tc.info != nil {
		tv = r.tc.info.Types[c]
	}
	if tv.Value != nil {
		lit, ok := constLiteral(tv.Value, tv.Type)
		if b, isBasic := tv.Type.(*types.Basic); ok && (!isBasic || b.Info()&types.IsUntyped == 0) {
			s, named := r.typeStr(tv.Type)
			ok = named
			lit = s + "(" + lit + ")"
		}
		if ok {
			r.ed.replace(r.off(c.Pos()), r.off(c.End()), lit)
			return false
		}
	}
	if tp, ok := tv.Type.(*types.TypeParam); ok && !hasFloatTerm(tp) {
		// Inside a generic function, instantiating the prelude's generic
		// helper crashes yaegi for some type arguments (a named string
		// type): a literal of the type parameter compares in place.
		op := ">"
		if id.Name == "min" {
			op = "<"
		}
		ts := tp.Obj().Name()
		r.ed.replace(r.off(id.Pos()), r.off(id.End()), "func(_goconcx "+ts+", _goconcys ..."+ts+") "+ts+
			" { for _, _goconcy := range _goconcys { if _goconcy "+op+" _goconcx { _goconcx = _goconcy } }; return _goconcx }")
		return true
	}
	name := builtinHelper[id.Name]
	if tv.Type != nil {
		if conv, under, ok := r.viaUnderlying(tv.Type); ok {
			// T(_goconcMax[U](U(a), U(b)))
			d := r.depth()
			r.ed.open(r.off(c.Pos()), d, conv+"(")
			r.ed.close(r.off(c.End()), d, ")")
			for _, a := range c.Args {
				r.ed.open(r.off(a.Pos()), d, under+"(")
				r.ed.close(r.off(a.End()), d, ")")
			}
			name += "[" + under + "]"
		} else if s, ok := r.typeStr(tv.Type); ok {
			name += "[" + s + "]"
		}
	}
	r.ed.replace(r.off(id.Pos()), r.off(id.End()), name)
	return true
}

// viaUnderlying returns, for a named (or alias of a named) type t whose
// underlying type is basic, t and its underlying type as the cell writes
// them. yaegi fails on the prelude's min and max instantiated with a
// named type of a compiled package ("CFG post-order panic" for
// time.Duration), so min and max of a named type are computed on the
// underlying type and converted back, for every named type alike.
func (r *rewriter) viaUnderlying(t types.Type) (conv, under string, ok bool) {
	if _, named := types.Unalias(t).(*types.Named); !named {
		return "", "", false
	}
	b, isBasic := t.Underlying().(*types.Basic)
	if !isBasic {
		return "", "", false
	}
	conv, ok1 := r.typeStr(t)
	under, ok2 := r.typeStr(b)
	if !ok1 || !ok2 {
		return "", "", false
	}
	return conv, under, true
}

// newExpr rewrites Go 1.26's new(expr), which yaegi reads as new(T) of
// the expression's type: the value is passed to a function literal that
// returns the address of its parameter.
func (r *rewriter) newExpr(c *ast.CallExpr) {
	if len(c.Args) != 1 || r.tc.info == nil {
		return
	}
	if tv, ok := r.tc.info.Types[c.Args[0]]; !ok || tv.IsType() {
		return
	}
	p, ok := r.typeOf(c).(*types.Pointer)
	if !ok {
		return
	}
	ts, ok := r.typeStr(p.Elem())
	if !ok {
		r.refuse(c, "new(expr) of a type the cell cannot name")
		return
	}
	r.ed.replace(r.off(c.Pos()), r.off(c.Lparen)+1, "func(_goconcv "+ts+") *"+ts+" { return &_goconcv }(")
}

// panicNil rewrites panic(v) where v may be nil: Go 1.21 panics with a
// *runtime.PanicNilError instead, which recover returns.
func (r *rewriter) panicNil(c *ast.CallExpr) {
	if len(c.Args) != 1 {
		return
	}
	a := c.Args[0]
	if !r.isNil(a) {
		t := r.typeOf(a)
		if t == nil || !types.IsInterface(t) {
			return
		}
	}
	r.ed.open(r.off(a.Pos()), r.depth(), "_goconcPanicValue(")
	r.ed.close(r.off(a.End()), r.depth(), ")")
}

// derefReceiver writes p.M() as (*p).M() when M has a value receiver and p
// is a pointer: yaegi panicked with a reflect error for a nil p, where Go
// panics with a nil dereference (a runtime.Error), which the interpreter's
// * operator raises.
func (r *rewriter) derefReceiver(c *ast.CallExpr) {
	sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok || r.tc.info == nil {
		return
	}
	s := r.tc.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return
	}
	sig, ok := s.Obj().Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return
	}
	if _, ptrRecv := sig.Recv().Type().(*types.Pointer); ptrRecv || types.IsInterface(sig.Recv().Type()) {
		return
	}
	if _, isPtr := types.Unalias(r.typeOf(sel.X)).(*types.Pointer); !isPtr {
		return
	}
	if f, ok := s.Obj().(*types.Func); !ok || f.Pkg() != r.tc.pkg {
		return // compiled methods are called by reflect, which panics as Go does
	}
	d := r.depth()
	r.ed.open(r.off(sel.X.Pos()), d, "(*")
	r.ed.close(r.off(sel.X.End()), d, ")")
}

// embeddedArgs passes the embedded field itself where a notebook struct
// is passed as a compiled interface that only the field's promoted methods
// satisfy (sync.NewCond(q) with q embedding sync.Mutex becomes
// sync.NewCond(&q.Mutex)): yaegi does not find promoted methods of
// compiled fields through an interface ("method not found: Lock").
func (r *rewriter) embeddedArgs(c *ast.CallExpr) {
	sig, ok := underSig(r.typeOf(c.Fun))
	if !ok || c.Ellipsis.IsValid() {
		return
	}
	for i, a := range c.Args {
		pt := paramType(sig, i, false)
		if pt == nil {
			continue
		}
		r.embeddedTo(a, pt)
	}
}

type wrapText struct{ open, close string }

// embeddedImpl returns how to write e (of a notebook struct type or a
// pointer to one) as its embedded compiled field when target is a compiled
// interface that the field implements.
func (r *rewriter) embeddedImpl(e ast.Expr, target types.Type) (wrapText, bool) {
	it, ok := target.Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return wrapText{}, false
	}
	if n, ok := types.Unalias(target).(*types.Named); !ok || n.Obj().Pkg() == r.tc.pkg || n.Obj().Pkg() == nil {
		return wrapText{}, false
	}
	t := r.typeOf(e)
	if t == nil {
		return wrapText{}, false
	}
	ptr := false
	base := t
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		base, ptr = p.Elem(), true
	}
	nt, ok := types.Unalias(base).(*types.Named)
	if !ok || nt.Obj().Pkg() != r.tc.pkg {
		return wrapText{}, false
	}
	st, ok := nt.Underlying().(*types.Struct)
	if !ok {
		return wrapText{}, false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if !f.Embedded() || f.Pkg() == nil {
			continue
		}
		ft := f.Type()
		if fn, ok := types.Unalias(ft).(*types.Named); !ok || fn.Obj().Pkg() == r.tc.pkg {
			continue
		}
		fieldOK := types.Implements(ft, it)
		addr := false
		if !fieldOK && ptr && types.Implements(types.NewPointer(ft), it) {
			fieldOK, addr = true, true
		}
		if !fieldOK {
			continue
		}
		// Every method of the interface must come from this field.
		ms := types.NewMethodSet(t)
		from := true
		for j := 0; j < it.NumMethods(); j++ {
			sel := ms.Lookup(it.Method(j).Pkg(), it.Method(j).Name())
			if sel == nil || len(sel.Index()) < 2 || sel.Index()[0] != i {
				from = false
			}
		}
		if !from {
			continue
		}
		open, close := "(", ")."+f.Name()
		if addr {
			open, close = "&(", ")."+f.Name()
		}
		return wrapText{open, close}, true
	}
	return wrapText{}, false
}

// embeddedTo applies embeddedImpl to e assigned to a variable of type t.
func (r *rewriter) embeddedTo(e ast.Expr, t types.Type) {
	if t == nil {
		return
	}
	if repl, ok := r.embeddedImpl(e, t); ok {
		d := r.depth()
		r.ed.open(r.off(e.Pos()), d, repl.open)
		r.ed.close(r.off(e.End()), d, repl.close)
	}
}

// hasFloatTerm reports whether the type set of tp may hold floating-point
// types (whose min and max have NaN and signed-zero rules).
func hasFloatTerm(tp *types.TypeParam) bool {
	iface, ok := tp.Constraint().Underlying().(*types.Interface)
	if !ok {
		return true
	}
	var walk func(t types.Type) bool
	walk = func(t types.Type) bool {
		switch u := t.Underlying().(type) {
		case *types.Basic:
			return u.Info()&types.IsFloat != 0
		case *types.Union:
			for i := 0; i < u.Len(); i++ {
				if walk(u.Term(i).Type()) {
					return true
				}
			}
		case *types.Interface:
			if u.IsMethodSet() && u.NumEmbeddeds() == 0 {
				return true // any type
			}
			for i := 0; i < u.NumEmbeddeds(); i++ {
				if walk(u.EmbeddedType(i)) {
					return true
				}
			}
		}
		return false
	}
	return walk(iface)
}
