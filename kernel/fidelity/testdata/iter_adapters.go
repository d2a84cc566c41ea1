// Feature: generic iterator adapters (Map, Take over iter.Seq) and iter.Pull2
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
)

func MapSeq[T, U any](seq iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Take[T any](seq iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range seq {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func Naturals() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	squares := MapSeq(Naturals(), func(n int) string { return fmt.Sprint(n * n) })
	fmt.Println(slices.Collect(Take(squares, 5)))
	m := map[string]int{"a": 1, "b": 2}
	next, stop := iter.Pull2(maps.All(m))
	defer stop()
	total := 0
	for {
		k, v, ok := next()
		if !ok {
			break
		}
		total += v + len(k)
	}
	fmt.Println(total)
}
