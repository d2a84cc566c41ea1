// Feature: print and println write to standard error with Go's formatting
package main

import "fmt"

type point struct{ x, y int }

func main() {
	var p *point
	var m map[string]int
	println("hello", 42, true, 2.5)
	print("a", "b", 1, 2, "\n")
	println(p == nil, len(m))
	println(p)
	print(-7, 'x', "\n")
	fmt.Println("stdout line")
}
