package interp

// goconc patch (see PATCHES.md): index, slice and pointer operations of
// interpreted code panic with the run-time errors Go's runtime raises,
// worded as Go words them, instead of reflect's messages.

import (
	"fmt"
	"reflect"
)

// runtimeError is a run-time panic of interpreted code. Like the runtime's
// own errors it implements runtime.Error.
type runtimeError string

func (e runtimeError) Error() string { return "runtime error: " + string(e) }

// RuntimeError marks runtimeError as a runtime.Error.
func (runtimeError) RuntimeError() {}

const nilDereference = runtimeError("invalid memory address or nil pointer dereference")

// checkIndex panics as Go does when i is not an index of a (an array, a
// slice or a string).
func checkIndex(a reflect.Value, i int) {
	if n := a.Len(); i < 0 || i >= n {
		if i < 0 {
			panic(runtimeError(fmt.Sprintf("index out of range [%d]", i)))
		}
		panic(runtimeError(fmt.Sprintf("index out of range [%d] with length %d", i, n)))
	}
}

// boundOf returns the bound of a slice expression on a, and its name in
// Go's messages: the length of a string, the capacity of anything else.
func boundOf(a reflect.Value) (int, string) {
	if a.Kind() == reflect.String {
		return a.Len(), "length"
	}
	return a.Cap(), "capacity"
}

// checkSlice panics as Go does when a[low:high] is out of range.
func checkSlice(a reflect.Value, low, high int) {
	max, name := boundOf(a)
	switch {
	case high < 0 || high > max:
		panic(runtimeError(fmt.Sprintf("slice bounds out of range [:%d] with %s %d", high, name, max)))
	case low < 0 || low > high:
		panic(runtimeError(fmt.Sprintf("slice bounds out of range [%d:%d]", low, high)))
	}
}

// checkSlice3 panics as Go does when a[low:high:max] is out of range.
func checkSlice3(a reflect.Value, low, high, max int) {
	c := a.Cap()
	switch {
	case max < 0 || max > c:
		panic(runtimeError(fmt.Sprintf("slice bounds out of range [::%d] with capacity %d", max, c)))
	case high < 0 || high > max:
		panic(runtimeError(fmt.Sprintf("slice bounds out of range [:%d:%d]", high, max)))
	case low < 0 || low > high:
		panic(runtimeError(fmt.Sprintf("slice bounds out of range [%d:%d:]", low, high)))
	}
}

// elem dereferences the pointer v, panicking as Go does when it is nil.
func elem(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		panic(nilDereference)
	}
	return v.Elem()
}
