package frontend

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"
)

// fmt formats a value by reflection, and yaegi's values of interpreted
// types do not carry their type's name or methods in reflection:
//
//   - %T prints int for a `type Celsius float64`, struct { … } for a named
//     struct: when the operand's type is known statically (not an
//     interface), the name is written in the cell (%T becomes %s and the
//     operand the quoted name, as reflect would print it). %T of an
//     interface value is refused.
//   - String and Error methods are not called for interpreted values held
//     in interfaces, nor for pointer receivers: operands of a verb that
//     calls them (%v %s %q %x %X, and Print, Println) whose type is an
//     interface or has such methods go through _goconcFmtOperand, with a
//     literal that asserts the session's types having such methods
//     concretely and calls the method; fmt gets an error with the same
//     text (an error, not a string, so that Print spaces operands as
//     before).
//   - The same methods of values inside slices, maps, arrays and structs
//     are never called: such operands are refused, as is %#v of
//     interpreted types (which prints struct { … } for their name).

// printFunc describes a printing function: the index of its format
// argument (-1 for Print-style) and of its first operand.
type printFunc struct{ format, first int }

var printFuncs = map[string]map[string]printFunc{
	"fmt": {
		"Print": {-1, 0}, "Println": {-1, 0}, "Sprint": {-1, 0}, "Sprintln": {-1, 0},
		"Fprint": {-1, 1}, "Fprintln": {-1, 1}, "Append": {-1, 1}, "Appendln": {-1, 1},
		"Printf": {0, 1}, "Sprintf": {0, 1}, "Errorf": {0, 1}, "Fprintf": {1, 2}, "Appendf": {1, 2},
	},
	"log": {
		"Print": {-1, 0}, "Println": {-1, 0}, "Fatal": {-1, 0}, "Fatalln": {-1, 0}, "Panic": {-1, 0}, "Panicln": {-1, 0},
		"Printf": {0, 1}, "Fatalf": {0, 1}, "Panicf": {0, 1},
	},
}

// verb is one formatting directive of a constant format string.
type verb struct {
	arg   int  // operand index (from the first operand)
	c     rune // the verb
	sharp bool // # flag
	plus  bool // + flag
	at    int  // offset of the verb in the literal's source text, -1 if unknown
}

// checkFormat rewrites or refuses the operands of a printing call.
func (r *rewriter) checkFormat(c *ast.CallExpr) {
	if r.tc.info == nil {
		return
	}
	sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return
	}
	path, ok := r.isPkg(id)
	if !ok {
		return
	}
	pf, ok := printFuncs[path][sel.Sel.Name]
	if !ok || len(c.Args) < pf.first {
		return
	}
	if c.Ellipsis.IsValid() {
		// f(format, args...): the elements, mapped at run time.
		last := c.Args[len(c.Args)-1]
		if s, ok := r.typeOf(last).(*types.Slice); ok && isEmptyIface(s.Elem()) && len(c.Args)-1 == pf.first {
			if m := r.fmtMethods(); m != "" {
				d := r.depth()
				r.ed.open(r.off(last.Pos()), d, "_goconcFmtArgs(")
				r.ed.close(r.off(last.End()), d, ", "+m+")")
			}
		}
		return
	}
	ops := c.Args[pf.first:]
	var verbs []verb
	var lit *ast.BasicLit
	if pf.format < 0 {
		for i := range ops {
			verbs = append(verbs, verb{arg: i, c: 'v', at: -1})
		}
	} else {
		tv := r.tc.info.Types[c.Args[pf.format]]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return // unknown verbs
		}
		lit, _ = ast.Unparen(c.Args[pf.format]).(*ast.BasicLit)
		src := ""
		if lit != nil {
			src = lit.Value
		}
		verbs, ok = parseVerbs(constant.StringVal(tv.Value), src)
		if !ok {
			return
		}
	}
	for _, v := range verbs {
		if v.arg >= len(ops) {
			continue
		}
		r.formatOperand(ops[v.arg], v, lit)
	}
}

// formatOperand applies the rules above to one operand.
func (r *rewriter) formatOperand(op ast.Expr, v verb, lit *ast.BasicLit) {
	t := r.typeOf(op)
	if t == nil {
		return
	}
	_, iface := t.Underlying().(*types.Interface)
	switch {
	case v.c == 'T':
		if iface {
			r.refuse(op, "%T of an interface value (the interpreter does not know the dynamic type's name)")
			return
		}
		name, ok := reflectName(t)
		if !ok || lit == nil || v.at < 0 {
			r.refuse(op, "%T of a value of type "+types.TypeString(t, nil))
			return
		}
		r.ed.replace(r.off(lit.Pos())+v.at, r.off(lit.Pos())+v.at+1, "s")
		r.ed.replace(r.off(op.Pos()), r.off(op.End()), strconv.Quote(name))
		r.skip[op] = true
	case v.c == 'v' && v.plus && r.unexportedFieldsIn(t, iface):
		r.refuse(op, "%+v of a struct type of the notebook with unexported fields (the interpreter prints their names with an X before them)")
	case v.c == 'v' && v.sharp:
		if iface || r.interpretedIn(t, map[types.Type]bool{}) {
			r.refuse(op, "%#v of a value of a type declared in the notebook")
		}
	case strings.ContainsRune("vsqxX", v.c):
		if anyContainer(t) {
			if m := r.fmtMethods(); m != "" {
				d := r.depth()
				r.ed.open(r.off(op.Pos()), d, "_goconcFmtDeep(")
				r.ed.close(r.off(op.End()), d, ", "+m+")")
			}
			return
		}
		if !iface {
			switch r.nestedMethods(t, map[types.Type]bool{}) {
			case nestedStatic:
				r.refuse(op, "printing a value whose elements or fields have String or Error methods")
				return
			case nestedDynamic:
				// Elements of interface types: fine if their values are
				// compiled (errors.New, time.Duration); checked when printed.
				d := r.depth()
				r.ed.open(r.off(op.Pos()), d, "_goconcFmtCompiled(")
				r.ed.close(r.off(op.End()), d, ")")
				return
			}
		}
		if iface || r.hasFmtMethods(t) {
			m := r.fmtMethods()
			if m == "" {
				return // no type of the session has such methods
			}
			kind := "false" // Print spaces operands that are not strings
			if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
				kind = "true"
			}
			d := r.depth()
			r.ed.open(r.off(op.Pos()), d, "_goconcFmtOperand(")
			r.ed.close(r.off(op.End()), d, ", "+m+", "+kind+")")
		}
	}
}

// hasFmtMethods reports whether values of type t have String, Error or
// Format methods of the notebook.
func (r *rewriter) hasFmtMethods(t types.Type) bool {
	base := t
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		base = p.Elem()
	}
	nb, isNamed := types.Unalias(base).(*types.Named)
	notebook := isNamed && nb.Obj().Pkg() == r.tc.pkg
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		f := ms.At(i).Obj()
		switch f.Name() {
		case "String", "Error", "Format":
			// A method of a compiled type promoted to a notebook type
			// (a struct embedding time.Duration) counts too: fmt cannot
			// find it on the interpreted value.
			if f.Pkg() == r.tc.pkg || notebook {
				return true
			}
		}
	}
	return false
}

// Kinds of elements that fmt would format by their methods.
const (
	nestedNone    = iota
	nestedDynamic // interface elements (error, Stringer): known when printed
	nestedStatic  // elements of the notebook's types with String or Error methods
)

// nestedMethods tells whether t has elements or fields whose String or
// Error methods fmt would call.
func (r *rewriter) nestedMethods(t types.Type, seen map[types.Type]bool) int {
	if seen[t] {
		return nestedNone
	}
	seen[t] = true
	elem := func(e types.Type) int {
		if i, ok := e.Underlying().(*types.Interface); ok {
			if i.NumMethods() > 0 && (hasMethod(i, "Error") || hasMethod(i, "String")) {
				return nestedDynamic
			}
			return nestedNone
		}
		if r.hasFmtMethods(e) {
			return nestedStatic
		}
		return r.nestedMethods(e, seen)
	}
	worst := nestedNone
	add := func(k int) { worst = max(worst, k) }
	switch u := t.Underlying().(type) {
	case *types.Slice:
		add(elem(u.Elem()))
	case *types.Array:
		add(elem(u.Elem()))
	case *types.Map:
		add(elem(u.Key()))
		add(elem(u.Elem()))
	case *types.Pointer:
		if _, ok := u.Elem().Underlying().(*types.Struct); ok && !r.hasFmtMethods(t) {
			add(r.nestedMethods(u.Elem(), seen))
		}
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			add(elem(u.Field(i).Type()))
		}
	}
	return worst
}

func hasMethod(i *types.Interface, name string) bool {
	for j := 0; j < i.NumMethods(); j++ {
		if i.Method(j).Name() == name {
			return true
		}
	}
	return false
}

// interpretedIn reports whether t involves a named type of the notebook.
func (r *rewriter) interpretedIn(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch u := t.(type) {
	case *types.Named:
		if u.Obj().Pkg() == r.tc.pkg {
			return true
		}
		return r.interpretedIn(u.Underlying(), seen)
	case *types.Pointer:
		return r.interpretedIn(u.Elem(), seen)
	case *types.Slice:
		return r.interpretedIn(u.Elem(), seen)
	case *types.Array:
		return r.interpretedIn(u.Elem(), seen)
	case *types.Map:
		return r.interpretedIn(u.Key(), seen) || r.interpretedIn(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if r.interpretedIn(u.Field(i).Type(), seen) {
				return true
			}
		}
	}
	return false
}

// reflectName returns the name reflect gives type t, as %T prints it.
func reflectName(t types.Type) (string, bool) {
	switch u := t.(type) {
	case *types.Basic:
		switch u.Kind() {
		case types.Uint8:
			return "uint8", true
		case types.Int32:
			return "int32", true
		case types.UntypedBool:
			return "bool", true
		case types.UntypedInt:
			return "int", true
		case types.UntypedRune:
			return "int32", true
		case types.UntypedFloat:
			return "float64", true
		case types.UntypedString:
			return "string", true
		case types.UntypedNil, types.Invalid:
			return "", false
		}
		return u.Name(), true
	case *types.Alias:
		return reflectName(types.Unalias(u))
	case *types.Named:
		o := u.Obj()
		if o.Pkg() == nil {
			return "", false // error
		}
		s := o.Pkg().Name() + "." + o.Name()
		if ta := u.TypeArgs(); ta != nil && ta.Len() > 0 {
			return "", false // reflect qualifies type arguments by path
		}
		return s, true
	case *types.Pointer:
		e, ok := reflectName(u.Elem())
		return "*" + e, ok
	case *types.Slice:
		e, ok := reflectName(u.Elem())
		return "[]" + e, ok
	case *types.Array:
		e, ok := reflectName(u.Elem())
		return fmt.Sprintf("[%d]%s", u.Len(), e), ok
	case *types.Map:
		k, ok1 := reflectName(u.Key())
		e, ok2 := reflectName(u.Elem())
		return "map[" + k + "]" + e, ok1 && ok2
	case *types.Chan:
		e, ok := reflectName(u.Elem())
		switch u.Dir() {
		case types.SendOnly:
			return "chan<- " + e, ok
		case types.RecvOnly:
			return "<-chan " + e, ok
		}
		return "chan " + e, ok
	case *types.Interface:
		if u.NumMethods() == 0 && u.NumEmbeddeds() == 0 {
			return "interface {}", true
		}
	case *types.Struct:
		if u.NumFields() == 0 {
			return "struct {}", true
		}
		var fs []string
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			if f.Embedded() || u.Tag(i) != "" {
				return "", false
			}
			ft, ok := reflectName(f.Type())
			if !ok {
				return "", false
			}
			fs = append(fs, f.Name()+" "+ft)
		}
		return "struct { " + strings.Join(fs, "; ") + " }", true
	case *types.Signature:
		var ps []string
		for i := 0; i < u.Params().Len(); i++ {
			p, ok := reflectName(u.Params().At(i).Type())
			if !ok {
				return "", false
			}
			if u.Variadic() && i == u.Params().Len()-1 {
				p = "..." + strings.TrimPrefix(p, "[]")
			}
			ps = append(ps, p)
		}
		var rs []string
		for i := 0; i < u.Results().Len(); i++ {
			p, ok := reflectName(u.Results().At(i).Type())
			if !ok {
				return "", false
			}
			rs = append(rs, p)
		}
		s := "func(" + strings.Join(ps, ", ") + ")"
		switch len(rs) {
		case 0:
		case 1:
			s += " " + rs[0]
		default:
			s += " (" + strings.Join(rs, ", ") + ")"
		}
		return s, true
	}
	return "", false
}

// parseVerbs lists the directives of format. src is the literal's source
// text (for the verbs' offsets in it) or "". ok is false for explicit
// argument indexes, which are not followed.
func parseVerbs(format, src string) ([]verb, bool) {
	offsets := literalOffsets(src)
	var out []verb
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		v := verb{at: -1}
		for ; i < len(format); i++ {
			c := format[i]
			if c == '#' {
				v.sharp = true
			} else if c == '+' {
				v.plus = true
			} else if c == '[' {
				return nil, false
			} else if c == '*' {
				arg++
			} else if !strings.ContainsRune("+- 0.123456789", rune(c)) {
				break
			}
		}
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		v.c = rune(format[i])
		v.arg = arg
		if offsets != nil && i < len(offsets) {
			v.at = offsets[i]
		}
		out = append(out, v)
		arg++
	}
	return out, true
}

// literalOffsets maps each byte of the value of the string literal src to
// its offset in src, or returns nil if src has escapes that could hide a
// directive.
func literalOffsets(src string) []int {
	if len(src) < 2 {
		return nil
	}
	if src[0] == '`' {
		offs := make([]int, 0, len(src))
		for i := 1; i < len(src)-1; i++ {
			if src[i] != '\r' {
				offs = append(offs, i)
			}
		}
		return offs
	}
	var offs []int
	for i := 1; i < len(src)-1; i++ {
		if src[i] != '\\' {
			offs = append(offs, i)
			continue
		}
		// An escape: find its value's length; refuse those that may yield '%'.
		s := src[i:]
		value, _, tail, err := strconv.UnquoteChar(s, '"')
		if err != nil || value == '%' {
			return nil
		}
		n := len(s) - len(tail)
		for k := 0; k < len(string(value)); k++ {
			offs = append(offs, i)
		}
		i += n - 1
	}
	return offs
}

// fmtMethods returns the text of a function literal calling the Error or
// String method of a value of the session's types that have one, or "".
func (r *rewriter) fmtMethods() string {
	if r.fmtLit != nil {
		return *r.fmtLit
	}
	text := ""
	r.fmtLit = &text
	var cases []string
	scope := r.tc.pkg.Scope()
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() || strings.HasPrefix(n, "_goconc") {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		if _, iface := named.Underlying().(*types.Interface); iface {
			continue
		}
		for _, t := range []types.Type{types.NewPointer(named), named} {
			ms := types.NewMethodSet(t)
			call := ""
			for _, m := range []string{"String", "Error"} { // Error wins
				if sel := ms.Lookup(nil, m); sel != nil {
					if sig := sel.Type().(*types.Signature); sig.Params().Len() == 0 && sig.Results().Len() == 1 {
						call = "_goconcv." + m + "()"
					}
				}
			}
			if call == "" {
				continue
			}
			ts, _ := r.typeStr(t)
			cases = append(cases, "if _goconcv, _goconcok := _goconcx.("+ts+"); _goconcok { return "+call+", true }; ")
		}
	}
	if len(cases) > 0 {
		text = "func(_goconcx any) (string, bool) { " + strings.Join(cases, "") + "return \"\", false }"
	}
	return text
}

// isEmptyIface reports whether t is interface{} (any).
func isEmptyIface(t types.Type) bool {
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.NumMethods() == 0
}

// anyContainer reports whether t is []any or map[string]any, whose
// elements _goconcFmtDeep formats.
func anyContainer(t types.Type) bool {
	switch u := t.(type) {
	case *types.Slice:
		return isEmptyIface(u.Elem())
	case *types.Map:
		b, ok := u.Key().(*types.Basic)
		return ok && b.Kind() == types.String && isEmptyIface(u.Elem())
	}
	return false
}

// unexportedFieldsIn reports whether %+v of a value of type t could print
// a notebook struct with unexported fields (yaegi's reflect type renames
// them Xname), not formatted by a String or Error method. For an
// interface, any such struct type that implements it counts.
func (r *rewriter) unexportedFieldsIn(t types.Type, iface bool) bool {
	if iface {
		it, _ := t.Underlying().(*types.Interface)
		scope := r.tc.pkg.Scope()
		for _, n := range scope.Names() {
			tn, ok := scope.Lookup(n).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			for _, ct := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
				if it != nil && types.Implements(ct, it) && r.unexportedFieldsIn(ct, false) {
					return true
				}
			}
		}
		return false
	}
	var walk func(t types.Type, seen map[types.Type]bool) bool
	walk = func(t types.Type, seen map[types.Type]bool) bool {
		if seen[t] || r.hasFmtMethods(t) {
			return false
		}
		seen[t] = true
		switch u := t.Underlying().(type) {
		case *types.Pointer:
			return walk(u.Elem(), seen)
		case *types.Slice:
			return walk(u.Elem(), seen)
		case *types.Array:
			return walk(u.Elem(), seen)
		case *types.Map:
			return walk(u.Key(), seen) || walk(u.Elem(), seen)
		case *types.Struct:
			for i := 0; i < u.NumFields(); i++ {
				f := u.Field(i)
				if !f.Exported() && f.Pkg() == r.tc.pkg {
					return true
				}
				if walk(f.Type(), seen) {
					return true
				}
			}
		}
		return false
	}
	return walk(t, map[types.Type]bool{})
}
