// Feature: recover after panic(nil) returns a *runtime.PanicNilError
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func try(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return "no panic"
}

func main() {
	r := try(func() { panic(nil) })
	fmt.Println(r == nil)
	_, isPNE := r.(*runtime.PanicNilError)
	fmt.Println(isPNE)
	fmt.Println(r)
	err, ok := r.(error)
	fmt.Println(ok)
	var pe *runtime.PanicNilError
	fmt.Println(errors.As(err, &pe))
	_, isRT := r.(runtime.Error)
	fmt.Println(isRT)
	fmt.Println(try(func() { panic("boom") }))
}
