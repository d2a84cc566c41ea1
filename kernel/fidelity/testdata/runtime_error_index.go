// Feature: runtime error values (index out of range, nil map write) recovered and printed
package main

import "fmt"

func try(f func()) {
	defer func() {
		r := recover()
		err, isErr := r.(error)
		fmt.Println(isErr, err)
	}()
	f()
}

func main() {
	xs := []int{1, 2}
	i := 5
	try(func() { _ = xs[i] })
	var m map[string]int
	try(func() { m["a"] = 1 })
	var p *struct{ X int }
	try(func() { _ = p.X })
}
