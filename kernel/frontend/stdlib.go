package frontend

import (
	"go/ast"
)

// The generic parts of the standard library cannot be imported into
// yaegi (it only imports compiled code), and yaegi's interpreted copies of
// slices, maps and cmp stop at Go 1.22 and often fail to instantiate. A
// selector naming one of the functions or types below is replaced by the
// prelude's interpreted implementation (see prelude.go), with its type
// arguments written out; iter is provided by the prelude entirely.

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
	"cmp":         names("_goconcCmp", "Compare", "Less", "Or"),
	"iter":        names("_goconcIter", "Seq", "Seq2", "Pull", "Pull2"),
	"sync":        names("_goconcSync", "OnceFunc", "OnceValue", "OnceValues"),
	"sync/atomic": names("_goconcAtomic", "Pointer"),
	"errors":      names("_goconcErrors", "As", "Is", "Join", "Unwrap"),
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
		}
		return true
	}
	if path == "errors" {
		return r.errorsCall(sel)
	}
	r.ed.replace(r.off(sel.Pos()), r.off(sel.End()), repl)
	r.typeArg[sel.Sel] = true
	r.instantiate(sel.Sel, sel, r.parent(1))
	return false
}
