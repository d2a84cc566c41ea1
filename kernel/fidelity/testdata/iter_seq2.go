// Feature: iter.Seq2 iterators with key and value
package main

import (
	"fmt"
	"iter"
	"strings"
)

func Enumerate(words []string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, w := range words {
			if !yield(i, strings.ToUpper(w)) {
				return
			}
		}
	}
}

func main() {
	words := []string{"go", "iter", "seq"}
	for i, w := range Enumerate(words) {
		fmt.Println(i, w)
	}
	for i := range Enumerate(words) {
		fmt.Print(i, " ")
	}
	fmt.Println()
	var last string
	for _, last = range Enumerate(words) {
	}
	fmt.Println("last:", last)
	n := 0
	for range Enumerate(words) {
		n++
	}
	fmt.Println("n:", n)
}
