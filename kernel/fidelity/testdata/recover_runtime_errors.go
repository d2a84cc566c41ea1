// Feature: index, slice and nil-pointer panics recovered as runtime.Error values with Go's messages
package main

import (
	"fmt"
	"runtime"
)

type point struct{ X, Y int }

// try runs f and prints what it panicked with, and whether that is a
// runtime.Error.
func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		fmt.Printf("%s: %v (runtime.Error: %t)\n", name, r, isRuntime)
	}()
	f()
}

func main() {
	xs := []int{1, 2, 3}
	arr := [4]string{"a", "b", "c", "d"}
	s := "héllo"
	var p *point
	i, j, k := 5, -1, 2
	try("slice index", func() { _ = xs[i] })
	try("negative index", func() { _ = xs[j] })
	try("array index", func() { arr[i] = "x" })
	try("string index", func() { _ = s[i+10] })
	try("slice high", func() { _ = xs[:i] })
	try("slice low", func() { _ = xs[i:] })
	try("slice inverted", func() { _ = xs[k:1] })
	try("string slice", func() { _ = s[1 : i+10] })
	try("three-index max", func() { _ = xs[0:1:i] })
	try("three-index high", func() { _ = xs[0 : k+1 : k] })
	try("field of nil pointer", func() { _ = p.X })
	try("nil pointer dereference", func() { _ = *p })
	try("within bounds", func() { _ = xs[k] + len(s[1:3]) + len(xs[1:2:3]) })
}
