package frontend

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"
)

// The generic parts of the standard library cannot be imported into
// yaegi (it only imports compiled code), and yaegi's interpreted copies of
// slices, maps and cmp stop at Go 1.22 and often fail to instantiate. A
// selector naming one of the functions or types below is replaced by the
// prelude's interpreted implementation (see prelude.go), with its type
// arguments written out; iter is provided by the prelude entirely.
//
// Every package a cell imports is compiled (the interpreter's symbol
// tables): its generic functions and types are not in the tables, since
// compiled generic code cannot be instantiated by interpreted code. A
// selector naming one that the prelude does not provide is refused (see
// genericRefusal), so that no cell fails with "undefined" for a name Go
// accepts.

// stdlibNames maps an import path and a name to the prelude name.
var stdlibNames = map[string]map[string]string{
	"slices": names("_goconcSlices", "All", "AppendSeq", "Backward", "BinarySearch", "BinarySearchFunc",
		"Chunk", "Clip", "Clone", "Collect", "Compact", "CompactFunc", "Compare", "CompareFunc", "Concat",
		"Contains", "ContainsFunc", "Delete", "DeleteFunc", "Equal", "EqualFunc", "Grow", "Index",
		"IndexFunc", "Insert", "IsSorted", "IsSortedFunc", "Max", "MaxFunc", "Min", "MinFunc", "Repeat",
		"Replace", "Reverse", "Sort", "SortFunc", "SortStableFunc", "Sorted", "SortedFunc",
		"SortedStableFunc", "Values"),
	"maps": names("_goconcMaps", "All", "Clone", "Collect", "Copy", "DeleteFunc", "Equal", "EqualFunc",
		"Insert", "Keys", "Values"),
	"cmp":          names("_goconcCmp", "Compare", "Less", "Or", "Ordered"),
	"iter":         names("_goconcIter", "Seq", "Seq2", "Pull", "Pull2"),
	"sync":         names("_goconcSync", "OnceFunc", "OnceValue", "OnceValues"),
	"sync/atomic":  names("_goconcAtomic", "Pointer"),
	"errors":       names("_goconcErrors", "As", "AsType", "Is", "Join", "Unwrap"),
	"math/rand/v2": names("_goconcRandV2", "N"),
	// The kernel's own goroutines are not the program's (cellrt counts these).
	"runtime": {"NumGoroutine": "_goconc.NumGoroutine"},
}

func names(prefix string, ns ...string) map[string]string {
	m := make(map[string]string, len(ns))
	for _, n := range ns {
		m[n] = prefix + n
	}
	return m
}

// stdlibReplacement returns the prelude name for path.name, or "".
func stdlibReplacement(path, name string) string {
	return stdlibNames[path][name]
}

// selector replaces references to generic standard library functions and
// types by their prelude implementations.
func (r *rewriter) selector(sel *ast.SelectorExpr) bool {
	if r.methodExpr(sel) {
		return false
	}
	if r.methodValue(sel) {
		return true
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return true
	}
	path, ok := r.isPkg(id)
	if !ok {
		return true
	}
	if path == "fmt" && sel.Sel.Name == "Errorf" {
		return r.errorfCall(sel)
	}
	repl := stdlibReplacement(path, sel.Sel.Name)
	if repl == "" {
		if path == "iter" {
			r.refuse(sel, "iter."+sel.Sel.Name)
		} else if why := genericRefusal(r.objOf(sel.Sel)); why != "" {
			r.refuse(sel, sel.X.(*ast.Ident).Name+"."+sel.Sel.Name+", "+why+",")
		}
		return true
	}
	if path == "errors" {
		return r.errorsCall(sel)
	}
	if path == "math/rand/v2" && r.randNCall(sel, repl) {
		return true
	}
	if r.preludeFuncValue(sel, repl) {
		return false
	}
	r.ed.replace(r.off(sel.Pos()), r.off(sel.End()), repl)
	r.typeArg[sel.Sel] = true
	r.instantiate(sel.Sel, sel, r.parent(1))
	return false
}

// genericRefusal says why obj, a member of a compiled package, cannot be
// used by interpreted code, or returns "" when it can: generic functions
// and types (generic aliases included) exist only as source, which the
// symbol tables do not carry.
func genericRefusal(obj types.Object) string {
	const why = "of a compiled package (the interpreter cannot instantiate compiled generic code)"
	switch o := obj.(type) {
	case *types.Func:
		if sig, ok := o.Type().(*types.Signature); ok && sig.TypeParams().Len() > 0 {
			return "a generic function " + why
		}
	case *types.TypeName:
		switch t := o.Type().(type) {
		case *types.Named:
			if t.TypeParams().Len() > 0 {
				return "a generic type " + why
			}
		case *types.Alias:
			if t.TypeParams().Len() > 0 {
				return "a generic type " + why
			}
		}
	}
	return ""
}

// randNCall rewrites a call rand.N(x) (math/rand/v2) whose argument has a
// named type as T(_goconcRandV2N[U](U(x))), U the underlying type: yaegi
// fails to instantiate the prelude's N with a named type of a compiled
// package such as time.Duration (as for min and max, see viaUnderlying).
// It reports whether it rewrote the call.
func (r *rewriter) randNCall(sel *ast.SelectorExpr, repl string) bool {
	c, ok := r.parent(1).(*ast.CallExpr)
	if !ok || c.Fun != sel || len(c.Args) != 1 {
		return false
	}
	t := r.typeOf(c)
	if t == nil {
		return false
	}
	conv, under, ok := r.viaUnderlying(t)
	if !ok {
		return false
	}
	d := r.depth()
	r.ed.open(r.off(c.Pos()), d, conv+"(")
	r.ed.close(r.off(c.End()), d, ")")
	r.ed.open(r.off(c.Args[0].Pos()), d, under+"(")
	r.ed.close(r.off(c.Args[0].End()), d, ")")
	r.ed.replace(r.off(sel.Pos()), r.off(sel.End()), repl+"["+under+"]")
	r.typeArg[sel.Sel] = true
	return true
}

// preludeFuncValue rewrites a substituted standard function used as a
// value rather than called (once := sync.OnceFunc, f := rand.N[int]) into
// a function literal that calls the prelude's function: yaegi cannot
// store the prelude's (generic) functions themselves in a variable of the
// top level ("reflect.Set: value of type *interp.node", "CFG post-order
// panic"). It reports whether it rewrote sel, with the type arguments
// that follow it.
func (r *rewriter) preludeFuncValue(sel *ast.SelectorExpr, repl string) bool {
	if r.tc.info == nil {
		return false
	}
	if _, ok := r.objOf(sel.Sel).(*types.Func); !ok {
		return false
	}
	var value ast.Expr = sel
	outer := r.parent(1)
	switch p := outer.(type) {
	case *ast.IndexExpr:
		if p.X == sel {
			value, outer = p, r.parent(2)
		}
	case *ast.IndexListExpr:
		if p.X == sel {
			value, outer = p, r.parent(2)
		}
	}
	if c, ok := outer.(*ast.CallExpr); ok && c.Fun == value {
		return false // a call
	}
	sig, ok := r.typeOf(value).(*types.Signature)
	if !ok {
		return false
	}
	targs := r.typeArgs(sel.Sel)
	if sig.TypeParams().Len() > 0 || (targs == "" && r.tc.info.Instances[sel.Sel].TypeArgs != nil) {
		return false
	}
	var params, args, results []string
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		name := "_goconcp" + strconv.Itoa(i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			ts, ok := r.typeStr(t.(*types.Slice).Elem())
			if !ok {
				return false
			}
			params = append(params, name+" ..."+ts)
			args = append(args, name+"...")
			continue
		}
		ts, ok := r.typeStr(t)
		if !ok {
			return false
		}
		params = append(params, name+" "+ts)
		args = append(args, name)
	}
	for i := 0; i < sig.Results().Len(); i++ {
		ts, ok := r.typeStr(sig.Results().At(i).Type())
		if !ok {
			return false
		}
		results = append(results, ts)
	}
	call := repl + targs + "(" + strings.Join(args, ", ") + ")"
	lit := "func(" + strings.Join(params, ", ") + ") "
	switch len(results) {
	case 0:
		lit += "{ " + call + " }"
	case 1:
		lit += results[0] + " { return " + call + " }"
	default:
		lit += "(" + strings.Join(results, ", ") + ") { return " + call + " }"
	}
	r.ed.replace(r.off(value.Pos()), r.off(value.End()), lit)
	return true
}
