package engine

import (
	"go/ast"
	"go/parser"
	"reflect"
)

// Builtins that return exactly one value, and those that return none.
var (
	valueBuiltins = map[string]bool{"len": true, "cap": true, "append": true, "make": true, "new": true,
		"complex": true, "real": true, "imag": true, "min": true, "max": true, "copy": true, "recover": true}
	voidBuiltins = map[string]bool{"close": true, "delete": true, "panic": true, "print": true,
		"println": true, "clear": true}
)

// hasSingleValue reports whether the expression a cell ends with yields
// exactly one value, so that its value is the cell's result. yaegi returns
// a stale value for calls of functions without results, so calls are
// checked against the called function's type.
func (e *Engine) hasSingleValue(src string) bool {
	x, err := parser.ParseExpr(src)
	if err != nil {
		return false
	}
	x = ast.Unparen(x)
	call, ok := x.(*ast.CallExpr)
	if !ok {
		return true
	}
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.Ident:
		if valueBuiltins[f.Name] {
			return true
		}
		if voidBuiltins[f.Name] {
			return false
		}
	case *ast.FuncLit:
		return f.Type.Results.NumFields() == 1
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.InterfaceType, *ast.StructType, *ast.FuncType:
		return true // a conversion
	}
	if !pureName(fun) {
		return false
	}
	v, err := e.in.Eval(src[fun.Pos()-1 : fun.End()-1])
	if err != nil || !v.IsValid() {
		return false
	}
	if v.Kind() != reflect.Func {
		return true // a conversion to a named type
	}
	return v.Type().NumOut() == 1
}

// pureName reports whether x is a name or a chain of selectors on a name,
// which can be evaluated again without side effects.
func pureName(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return pureName(x.X)
	}
	return false
}
