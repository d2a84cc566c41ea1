package engine

import (
	"go/ast"
	"go/parser"
	"go/types"
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
	t, ok := e.exprType(fun)
	if !ok {
		return false
	}
	if t.Kind() != reflect.Func {
		return true // a conversion to a named type
	}
	return t.NumOut() == 1
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

// exprType returns the type of x when it can be found without evaluating
// anything but names: a package symbol, a global, a call of a
// function whose type is known, or a field or method of such a value.
// Methods of interpreted types are not visible to reflect: ok is false.
func (e *Engine) exprType(x ast.Expr) (reflect.Type, bool) {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return e.evalType(x.Name)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if syms, ok := e.packages()[id.Name]; ok {
				v, ok := syms[x.Sel.Name]
				if !ok || !v.IsValid() {
					return nil, false
				}
				return v.Type(), true
			}
		}
		if t, ok := e.exprType(x.X); ok {
			if mt, ok := memberType(t, x.Sel.Name); ok {
				return mt, true
			}
		}
		// Methods of interpreted types are invisible to reflect; a chain of
		// names can be evaluated again without side effects.
		if pureName(x) {
			return e.evalType(types.ExprString(x))
		}
		return nil, false
	case *ast.CallExpr:
		t, ok := e.exprType(x.Fun)
		if !ok || t.Kind() != reflect.Func || t.NumOut() != 1 {
			return nil, false
		}
		return t.Out(0), true
	}
	return nil, false
}

// evalType evaluates a name (or chain of names) and returns its type.
func (e *Engine) evalType(name string) (reflect.Type, bool) {
	v, err := e.in.Eval(name)
	if err != nil || !v.IsValid() {
		return nil, false
	}
	return v.Type(), true
}

// memberType is the type of t.name: a method value (without receiver) or
// a field.
func memberType(t reflect.Type, name string) (reflect.Type, bool) {
	for _, rt := range []reflect.Type{t, reflect.PointerTo(t)} {
		if m, ok := rt.MethodByName(name); ok {
			if rt.Kind() == reflect.Interface {
				return m.Type, true
			}
			in := make([]reflect.Type, 0, m.Type.NumIn()-1)
			for i := 1; i < m.Type.NumIn(); i++ {
				in = append(in, m.Type.In(i))
			}
			out := make([]reflect.Type, 0, m.Type.NumOut())
			for i := 0; i < m.Type.NumOut(); i++ {
				out = append(out, m.Type.Out(i))
			}
			return reflect.FuncOf(in, out, m.Type.IsVariadic()), true
		}
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		if f, ok := st.FieldByName(name); ok {
			return f.Type, true
		}
	}
	return nil, false
}
