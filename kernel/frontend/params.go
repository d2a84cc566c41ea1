package frontend

import "go/ast"

// yaegi v0.16.1 mishandles functions with unnamed parameters, `func
// named(int) {…}`: calling one panics ("reflect.Set: value of type int is
// not assignable to type func(...)"), and one passed to compiled code as a
// callback crashes the process. Unnamed parameters of function
// declarations, methods and function literals are named _, which is the
// same function:
//
//	func named(int, ...string)   →   func named(_ int, _ ...string)
//
// Results are left alone: unnamed results work.

// nameParams names the unnamed parameters of a function with a body.
func (r *rewriter) nameParams(ft *ast.FuncType) {
	if ft.Params == nil {
		return
	}
	for _, f := range ft.Params.List {
		if len(f.Names) == 0 {
			r.ed.open(r.off(f.Type.Pos()), r.depth(), "_ ")
		}
	}
}
