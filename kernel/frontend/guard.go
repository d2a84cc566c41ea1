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
//	g.Go(func() error {…})   →   g.Go(_goconc.GuardErr(func() error {…}))
//
// The calls are recognised by type (go/types), not by name.

// A guardedArg is the function argument of a call that runs it in a new
// goroutine, and the cellrt function that wraps it (by its type).
type guardedArg struct {
	index int
	wrap  string
}

// guarded maps the full names of the functions that run an argument in a
// new goroutine to that argument.
var guarded = map[string]guardedArg{
	"(*sync.WaitGroup).Go":                           {0, "Guard"},
	"time.AfterFunc":                                 {1, "Guard"},
	"(*golang.org/x/sync/errgroup.Group).Go":         {0, "GuardErr"},
	"(*golang.org/x/sync/errgroup.Group).TryGo":      {0, "GuardErr"},
	"(*golang.org/x/sync/singleflight.Group).DoChan": {1, "GuardResult"},
}

// guardArgs wraps the function argument of a call of a guarded function.
func (r *rewriter) guardArgs(c *ast.CallExpr) {
	fn := r.calledFunc(c)
	if fn == nil {
		return
	}
	g, ok := guarded[fn.FullName()]
	if !ok || g.index >= len(c.Args) {
		return
	}
	a := c.Args[g.index]
	d := r.depth()
	r.ed.open(r.off(a.Pos()), d, "_goconc."+g.wrap+"(")
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
