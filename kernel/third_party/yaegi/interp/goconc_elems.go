package interp

// goconc patch (see PATCHES.md): a []any or map[K]any that interpreted
// code passes to a compiled function holds yaegi's valueInterface wrappers
// for values of interpreted types with methods; the compiled function
// (fmt.Println(xs), fmt.Printf(format, args...)) saw the wrappers' fields
// (addresses) instead of the values. Such arguments are passed as a copy
// holding the values.

import "reflect"

// unwrapElems returns v, or a copy of v with the valueInterface elements
// replaced by the values they hold when v is a slice or map of empty
// interfaces.
func unwrapElems(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() && v.Elem().Type() != valueInterfaceType {
			if e := unwrapElems(v.Elem()); e != v.Elem() {
				return e
			}
		}
	case reflect.Slice:
		et := v.Type().Elem()
		if et.Kind() != reflect.Interface || et.NumMethod() != 0 {
			return v
		}
		var out reflect.Value
		for i, n := 0, v.Len(); i < n; i++ {
			e := v.Index(i)
			if e.IsNil() || e.Elem().Type() != valueInterfaceType {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeSlice(v.Type(), n, n)
				reflect.Copy(out, v)
			}
			setUnwrapped(out.Index(i), e.Elem())
		}
		if out.IsValid() {
			return out
		}
	case reflect.Map:
		et := v.Type().Elem()
		if et.Kind() != reflect.Interface || et.NumMethod() != 0 || v.IsNil() {
			return v
		}
		wrapped := false
		for it := v.MapRange(); it.Next(); {
			if e := it.Value(); !e.IsNil() && e.Elem().Type() == valueInterfaceType {
				wrapped = true
				break
			}
		}
		if !wrapped {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			e := reflect.New(et).Elem()
			if x := it.Value(); !x.IsNil() && x.Elem().Type() == valueInterfaceType {
				setUnwrapped(e, x.Elem())
			} else {
				e.Set(x)
			}
			out.SetMapIndex(it.Key(), e)
		}
		return out
	}
	return v
}

// setUnwrapped sets dst (an empty interface) to the value the
// valueInterface w holds, or leaves it nil.
func setUnwrapped(dst, w reflect.Value) {
	u := valueInterfaceValue(w)
	if !u.IsValid() {
		dst.Set(reflect.Zero(dst.Type()))
		return
	}
	if u.Kind() == reflect.Interface {
		if u.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return
		}
		u = u.Elem()
	}
	if u.CanInterface() {
		dst.Set(u)
	}
}
