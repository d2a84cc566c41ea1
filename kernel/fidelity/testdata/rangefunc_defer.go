// Feature: range over function with defer in the body
package main

import "fmt"

func Items(names ...string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, n := range names {
			if !yield(n) {
				return
			}
		}
	}
}

func process() {
	defer fmt.Println("deferred before the loop")
	for name := range Items("a", "b", "c") {
		defer fmt.Println("closing", name)
		fmt.Println("opening", name)
	}
	defer fmt.Println("deferred after the loop")
	fmt.Println("end of function")
}

func main() {
	process()
}
