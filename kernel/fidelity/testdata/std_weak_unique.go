// Feature: generic functions of compiled packages the interpreter cannot instantiate (unique.Make, weak.Make)
package main

import (
	"fmt"
	"unique"
	"weak"
)

type Node struct{ Name string }

func main() {
	a, b := unique.Make("go"), unique.Make("g"+"o")
	fmt.Println(a == b, a.Value())
	n := &Node{"root"}
	p := weak.Make(n)
	fmt.Println(p.Value().Name)
}
