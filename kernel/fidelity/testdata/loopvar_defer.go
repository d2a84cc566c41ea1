// Feature: defer in loops: deferred closures capture per-iteration variables, arguments evaluated at defer time
package main

import "fmt"

func closures() {
	for i := 0; i < 3; i++ {
		v := i * 10
		defer func() { fmt.Println("closure", i, v) }()
	}
}

func args() {
	x := 1
	defer fmt.Println("arg evaluated early:", x)
	x = 2
	for i := 0; i < 3; i++ {
		defer fmt.Println("direct", i)
	}
	fmt.Println("x is now", x)
}

func params() {
	for _, s := range []string{"a", "b"} {
		defer func(p string) { fmt.Println("param", p, s) }(s + "!")
	}
}

func main() {
	closures()
	args()
	params()
}
