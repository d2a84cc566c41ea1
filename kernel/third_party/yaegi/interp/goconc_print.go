package interp

// goconc patch (see PATCHES.md): the builtins print and println write to
// the interpreter's standard error, formatted as Go's runtime formats
// them (no spaces between print's operands, floats in %g form, pointers
// and nil values as hexadecimal addresses), instead of to standard output
// through fmt.

import (
	"io"
	"reflect"
	"strconv"
)

// writePrint writes the operands of print (or println, with ln) to out.
func writePrint(out io.Writer, args []reflect.Value, ln bool) {
	var b []byte
	for i, v := range args {
		if ln && i > 0 {
			b = append(b, ' ')
		}
		b = appendPrint(b, v)
	}
	if ln {
		b = append(b, '\n')
	}
	_, _ = out.Write(b)
}

// appendPrint appends v as the runtime prints it.
func appendPrint(b []byte, v reflect.Value) []byte {
	if !v.IsValid() {
		return append(b, "(0x0,0x0)"...)
	}
	if v.Type() == valueInterfaceType {
		if vi := v.Interface().(valueInterface); vi.node == nil || !vi.value.IsValid() {
			return append(b, "(0x0,0x0)"...)
		}
		return append(b, "(0x1,0x1)"...)
	}
	switch v.Kind() {
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Uintptr:
		return appendHex(b, v.Uint())
	case reflect.Float32:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 32)
	case reflect.Float64:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 64)
	case reflect.Complex64:
		return append(b, strconv.FormatComplex(v.Complex(), 'g', -1, 64)...)
	case reflect.Complex128:
		return append(b, strconv.FormatComplex(v.Complex(), 'g', -1, 128)...)
	case reflect.String:
		return append(b, v.String()...)
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return appendHex(b, uint64(v.Pointer()))
	case reflect.Slice:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(v.Len()), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(v.Cap()), 10)
		b = append(b, ']')
		return appendHex(b, uint64(v.Pointer()))
	case reflect.Interface:
		if v.IsNil() {
			return append(b, "(0x0,0x0)"...)
		}
		return append(b, "(0x1,0x1)"...)
	}
	return append(b, "?"...)
}

// appendHex appends x as 0x followed by hexadecimal digits.
func appendHex(b []byte, x uint64) []byte {
	return strconv.AppendUint(append(b, "0x"...), x, 16)
}
