package interp

// goconc patch (see PATCHES.md): asserting an empty interface to a
// concrete type compared only the reflect types, and values of an
// interpreted named type have the reflect type of their underlying type:
// x.(level), with `type level int`, held for any int, and x.(int) for a
// level. Type switches had the same defect, and missed values of named
// types with methods altogether.

import "reflect"

// sameDynamicType reports whether a value whose interpreted type is
// wrapped (nil: a value held without one) can be of the asserted concrete
// type typ. Interpreted values are often held with their type (always in
// a []any); a value held without it cannot be told from one of its
// underlying type, and is left to the reflect check.
func sameDynamicType(wrapped, typ *itype) bool {
	if isInterfaceSrc(typ) {
		return true
	}
	named := func(t *itype) bool { return t != nil && t.cat != valueT && t.name != "" && t.path != "" }
	if wrapped != nil && named(wrapped) {
		return wrapped.id() == typ.id()
	}
	if wrapped == nil && named(typ) && len(typ.method) > 0 && typ.cat != structT {
		// yaegi holds values of named non-struct types with methods with
		// their type: a bare value is of the underlying type.
		return false
	}
	return true
}

// concreteCase matches the value v of a type switch guard against the case
// type typ when typ is concrete: handled is false for interface and nil
// cases, left to the interpreter. val is the value the case's variable
// takes.
func concreteCase(v reflect.Value, typ *itype) (matched bool, val reflect.Value, handled bool) {
	if typ == nil || typ.cat == nilT || isInterfaceSrc(typ) {
		return false, reflect.Value{}, false
	}
	rt := typ.TypeOf()
	if rt == nil || rt.Kind() == reflect.Interface {
		return false, reflect.Value{}, false
	}
	if !v.IsValid() {
		return false, reflect.Value{}, true
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false, reflect.Value{}, true
		}
		v = v.Elem()
	}
	var wrapped *itype
	if v.Type() == valueInterfaceType {
		vi := v.Interface().(valueInterface)
		if vi.node != nil {
			wrapped = vi.node.typ
		}
		v = vi.value
		if !v.IsValid() {
			return false, reflect.Value{}, true
		}
		if v.Kind() == reflect.Interface {
			if v.IsNil() {
				return false, reflect.Value{}, true
			}
			v = v.Elem()
		}
	}
	if v.Type() != rt || !sameDynamicType(wrapped, typ) {
		return false, reflect.Value{}, true
	}
	return true, v, true
}
