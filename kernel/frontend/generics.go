package frontend

import (
	"go/ast"
	"go/types"
	"strings"
)

// yaegi v0.16.1 often fails to infer type arguments: with two type
// parameters where the second comes from a function argument ("undefined
// type for U"), with a core-type constraint (S ~[]E), or with untyped
// constant arguments. Explicit instantiation works, so every call of a
// generic function whose type arguments are inferred gets them written out
// from go/types: Map(xs, f) becomes Map[int, string](xs, f).

// ident instantiates a generic function named by id explicitly.
func (r *rewriter) ident(id *ast.Ident) {
	if id.Name == "main" && r.isMainFunc(id) {
		r.ed.replace(r.off(id.Pos()), r.off(id.End()), MainName)
		return
	}
	if r.typeArg[id] {
		return
	}
	r.instantiate(id, r.parent(1), r.parent(2))
}

// instantiate writes the type arguments of the generic function named by
// id (parent and grand are its enclosing nodes) unless they are all given.
func (r *rewriter) instantiate(id *ast.Ident, parent, grand ast.Node) {
	if r.tc.info == nil {
		return
	}
	inst, ok := r.tc.info.Instances[id]
	if !ok {
		return
	}
	if f, ok := r.objOf(id).(*types.Func); !ok || f.Type().(*types.Signature).Recv() != nil {
		return
	}
	var x ast.Node = id
	if sel, ok := parent.(*ast.SelectorExpr); ok && sel.Sel == id {
		x, parent = sel, grand
	}
	args, ok := r.typeList(inst.TypeArgs)
	if !ok {
		return
	}
	switch p := parent.(type) {
	case *ast.IndexExpr:
		if p.X == x {
			if inst.TypeArgs.Len() > 1 {
				r.ed.replace(r.off(p.Lbrack)+1, r.off(p.Rbrack), args)
			}
			return
		}
	case *ast.IndexListExpr:
		if p.X == x {
			if len(p.Indices) < inst.TypeArgs.Len() {
				r.ed.replace(r.off(p.Lbrack)+1, r.off(p.Rbrack), args)
			}
			return
		}
	}
	r.ed.close(r.off(id.End()), r.depth(), "["+args+"]")
}

// typeArgs returns "[T1, T2]" for a generic function named by id whose
// call is rendered elsewhere, or "".
func (r *rewriter) typeArgs(id *ast.Ident) string {
	if r.tc.info == nil {
		return ""
	}
	inst, ok := r.tc.info.Instances[id]
	if !ok {
		return ""
	}
	if f, ok := r.objOf(id).(*types.Func); !ok || f.Type().(*types.Signature).Recv() != nil {
		return ""
	}
	args, ok := r.typeList(inst.TypeArgs)
	if !ok {
		return ""
	}
	return "[" + args + "]"
}

func (r *rewriter) typeList(l *types.TypeList) (string, bool) {
	var out []string
	for i := 0; i < l.Len(); i++ {
		s, ok := r.typeStr(l.At(i))
		if !ok {
			return "", false
		}
		out = append(out, s)
	}
	return strings.Join(out, ", "), true
}

// typeStr writes t as the cell can name it: types of the cell's package
// unqualified, imported ones with the cell's import name, the generic
// standard types yaegi lacks (iter.Seq, atomic.Pointer) with their
// prelude names. ok is false for untyped types, unexported types of other
// packages and packages the session did not import.
func (r *rewriter) typeStr(t types.Type) (string, bool) {
	if t == nil || !nameable(t, r.tc.pkg, map[types.Type]bool{}) {
		return "", false
	}
	s := types.TypeString(t, func(p *types.Package) string {
		if p == nil || p == r.tc.pkg {
			return ""
		}
		return "\x00" + p.Path() + "\x00"
	})
	if !strings.Contains(s, "\x00") {
		return s, true
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		j := strings.IndexByte(s[i+1:], 0) + i + 1
		path := s[i+1 : j]
		b.WriteString(s[:i])
		rest := s[j+1:] // ".Name..."
		name := rest[1:]
		if k := strings.IndexAny(name, "[],; ()*"); k >= 0 {
			name = name[:k]
		}
		if repl := stdlibReplacement(path, name); repl != "" {
			b.WriteString(repl)
			s = rest[1+len(name):]
			continue
		}
		local, ok := r.tc.names[path]
		if !ok {
			return "", false
		}
		b.WriteString(local)
		s = rest
	}
}

// nameable reports whether t can be written in the cell.
func nameable(t types.Type, pkg *types.Package, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch x := t.(type) {
	case *types.Basic:
		return x.Info()&types.IsUntyped == 0 && x.Kind() != types.Invalid
	case *types.Named:
		o := x.Obj()
		if o.Pkg() != nil && o.Pkg() != pkg && !o.Exported() {
			return false
		}
		if ta := x.TypeArgs(); ta != nil {
			for i := 0; i < ta.Len(); i++ {
				if !nameable(ta.At(i), pkg, seen) {
					return false
				}
			}
		}
		return true
	case *types.Alias:
		return nameable(types.Unalias(x), pkg, seen)
	case *types.Pointer:
		return nameable(x.Elem(), pkg, seen)
	case *types.Slice:
		return nameable(x.Elem(), pkg, seen)
	case *types.Array:
		return nameable(x.Elem(), pkg, seen)
	case *types.Map:
		return nameable(x.Key(), pkg, seen) && nameable(x.Elem(), pkg, seen)
	case *types.Chan:
		return nameable(x.Elem(), pkg, seen)
	case *types.Signature:
		return tupleNameable(x.Params(), pkg, seen) && tupleNameable(x.Results(), pkg, seen)
	case *types.Struct:
		for i := 0; i < x.NumFields(); i++ {
			if !nameable(x.Field(i).Type(), pkg, seen) {
				return false
			}
		}
		return true
	case *types.Interface, *types.TypeParam:
		return true
	}
	return false
}

func tupleNameable(t *types.Tuple, pkg *types.Package, seen map[types.Type]bool) bool {
	for i := 0; i < t.Len(); i++ {
		if !nameable(t.At(i).Type(), pkg, seen) {
			return false
		}
	}
	return true
}
