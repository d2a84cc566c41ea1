package interp

// goconc patch (see PATCHES.md): == and != with an operand of interface
// type compare dynamic types and values, as Go does. Upstream compared the
// operands' Go representations: an interface value holding an interpreted
// named type is a valueInterface (its node and its value), so two equal
// values in interfaces, or an interface and an equal concrete value, were
// unequal (the nodes or the value's storage differed).

import (
	"reflect"
	"strings"
)

// isInterfaceOperand reports whether an operand of type t holds an
// interface value at run time.
func isInterfaceOperand(t *itype) bool {
	return t != nil && !t.untyped && isInterface(t)
}

// dynamicTypeKey names a type for identity: an interpreted defined type
// by its package path and name (the name of an instance includes its type
// arguments), any other type by its Go representation.
func dynamicTypeKey(t *itype) string {
	for t != nil && t.cat == linkedT && t.name == "" {
		t = t.val
	}
	switch {
	case t == nil:
		return ""
	case t.cat == nilT:
		return ""
	case t.cat == valueT:
		return "rt:" + t.rtype.String()
	case t.name != "" && t.path != "":
		return "it:" + t.id()
	}
	return "rt:" + t.TypeOf().String()
}

// dynamic is a value as an interface holds it: its dynamic type and its
// concrete value; an empty key is a nil interface. A value of an
// interpreted defined type is sometimes held bare (its Go representation
// only): its key is then the representation's, and lost is set.
type dynamic struct {
	key   string
	rt    string // the Go representation's type, "" for a nil interface
	lost  bool
	value reflect.Value
}

func bare(v reflect.Value) dynamic {
	k := "rt:" + v.Type().String()
	return dynamic{key: k, rt: k, lost: true, value: v}
}

// interfaceDynamic unwraps the value of an operand of interface type.
func interfaceDynamic(v reflect.Value) dynamic {
	for v.IsValid() {
		if vi, ok := v.Interface().(valueInterface); ok {
			if vi.node == nil || !vi.value.IsValid() || vi.node.typ == nil || vi.node.typ.cat == nilT {
				return dynamic{}
			}
			// A valueInterface may wrap another interface value.
			if vi.value.Kind() == reflect.Interface || vi.value.Type() == valueInterfaceType {
				v = vi.value
				continue
			}
			if isInterface(vi.node.typ) {
				// The node is the interface's, not the value's: the
				// value's Go type is all that is known.
				return bare(vi.value)
			}
			return dynamic{key: dynamicTypeKey(vi.node.typ), rt: "rt:" + vi.value.Type().String(), value: vi.value}
		}
		if v.Kind() == reflect.Struct && v.NumField() > 0 && v.Type().Field(0).Name == "IValue" && strings.HasPrefix(v.Type().Name(), "_") {
			// A wrapper of the standard library's symbol tables making an
			// interpreted value satisfy a compiled interface (error,
			// fmt.Stringer): the value is its first field.
			v = v.Field(0)
			continue
		}
		if v.Kind() != reflect.Interface {
			return bare(v)
		}
		if v.IsNil() {
			return dynamic{}
		}
		v = v.Elem()
	}
	return dynamic{}
}

// genDynamic returns a function giving an operand's dynamic type and value.
func genDynamic(n *node) func(*frame) dynamic {
	if n.kind == callExpr && n.action == aConvert && len(n.child) == 2 && isInterface(n.child[0].typ) {
		// A conversion to an interface type yields the bare value: its
		// operand has the dynamic type.
		if n.child[1].isNil() {
			return func(*frame) dynamic { return dynamic{} }
		}
		return genDynamic(n.child[1])
	}
	value := genValue(n)
	if isInterfaceOperand(n.typ) {
		return func(f *frame) dynamic { return interfaceDynamic(value(f)) }
	}
	t := n.typ
	if t != nil && t.untyped {
		// A constant compared with an interface is converted to its
		// default type.
		key := "rt:" + t.TypeOf().String()
		return func(f *frame) dynamic { return dynamic{key: key, rt: key, value: value(f)} }
	}
	key := dynamicTypeKey(t)
	return func(f *frame) dynamic {
		v := value(f)
		if vi, ok := v.Interface().(valueInterface); ok {
			v = vi.value
		}
		return dynamic{key: key, rt: "rt:" + v.Type().String(), value: v}
	}
}

// equalDynamic is Go's == on two interface values: equal dynamic types,
// then equal values (which panics for an uncomparable type).
func equalDynamic(a, b dynamic) bool {
	switch {
	case a.key == "" || b.key == "":
		return a.key == b.key
	case a.key == b.key:
	case a.lost && a.rt == b.rt, b.lost && a.rt == b.rt:
		// One side's type is known only by its representation: equal
		// representations are taken as the same type.
	default:
		return false
	}
	return a.value.Interface() == b.value.Interface()
}

// genInterfaceEqual sets n's exec for == (eq) or != (!eq) when an operand
// has an interface type, and reports whether it did.
func genInterfaceEqual(n *node, eq bool) bool {
	c0, c1 := n.child[0], n.child[1]
	if !isInterfaceOperand(c0.typ) && !isInterfaceOperand(c1.typ) {
		return false
	}
	d0, d1 := genDynamic(c0), genDynamic(c1)
	tnext := getExec(n.tnext)
	if n.fnext != nil {
		fnext := getExec(n.fnext)
		dest := genValueOutput(n, reflect.TypeOf(true))
		n.exec = func(f *frame) bltn {
			if equalDynamic(d0(f), d1(f)) == eq {
				dest(f).SetBool(true)
				return tnext
			}
			dest(f).SetBool(false)
			return fnext
		}
		return true
	}
	dest := genValue(n)
	typ := n.typ.concrete().TypeOf()
	n.exec = func(f *frame) bltn {
		dest(f).Set(reflect.ValueOf(equalDynamic(d0(f), d1(f)) == eq).Convert(typ))
		return tnext
	}
	return true
}
