package frontend

import (
	"go/ast"
	"go/types"
)

// A goroutine started by a go statement of a cell runs under _goconc.Go,
// which recovers its panic and reports it to the kernel (see gostmt.go).
// Compiled functions that start a goroutine of their own to run a function
// of the cell are out of its reach: a panic there ends the kernel process.
// The function argument of those calls is wrapped by _goconc.Guard, which
// recovers and reports the panic in the goroutine that runs it, and tells
// the kernel which cell the goroutine belongs to:
//
//	wg.Go(func() {…})   →   wg.Go(_goconc.Guard(func() {…}))
//
// The calls are recognised by type (go/types), not by name.

// guarded maps the full names of the functions that run an argument in a
// new goroutine to the index of that argument.
var guarded = map[string]int{
	"(*sync.WaitGroup).Go": 0,
	"time.AfterFunc":       1,
}

// guardArgs wraps the function argument of a call of a guarded function.
func (r *rewriter) guardArgs(c *ast.CallExpr) {
	fn := r.calledFunc(c)
	if fn == nil {
		return
	}
	i, ok := guarded[fn.FullName()]
	if !ok || i >= len(c.Args) {
		return
	}
	a := c.Args[i]
	d := r.depth()
	r.ed.open(r.off(a.Pos()), d, "_goconc.Guard(")
	r.ed.close(r.off(a.End()), d, ")")
}

// calledFunc returns the function or method that c calls, if go/types
// knows it.
func (r *rewriter) calledFunc(c *ast.CallExpr) *types.Func {
	if r.tc.info == nil {
		return nil
	}
	var obj types.Object
	switch f := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		obj = r.objOf(f)
	case *ast.SelectorExpr:
		if s := r.tc.info.Selections[f]; s != nil {
			if s.Kind() != types.MethodVal {
				return nil
			}
			obj = s.Obj()
		} else {
			obj = r.objOf(f.Sel)
		}
	}
	fn, _ := obj.(*types.Func)
	return fn
}
