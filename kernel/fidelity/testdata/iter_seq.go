// Feature: iter.Seq iterators, range over function with break
package main

import (
	"fmt"
	"iter"
)

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				fmt.Println("stopped at", i)
				return
			}
		}
	}
}

func Filter[V any](seq iter.Seq[V], keep func(V) bool) iter.Seq[V] {
	return func(yield func(V) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func main() {
	for i := range Count(3) {
		fmt.Println("i =", i)
	}
	for i := range Count(10) {
		if i == 2 {
			break
		}
		fmt.Println("j =", i)
	}
	for v := range Filter(Count(10), func(n int) bool { return n%3 == 0 }) {
		fmt.Println("mult of 3:", v)
	}
}
