// Feature: generic pipeline stages func stage[T, U any](in <-chan T, f func(T) U) <-chan U
package main

import "fmt"

func source[T any](xs ...T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	return out
}

func stage[T, U any](in <-chan T, f func(T) U) <-chan U {
	out := make(chan U)
	go func() {
		defer close(out)
		for v := range in {
			out <- f(v)
		}
	}()
	return out
}

func collect[T any](in <-chan T) []T {
	var out []T
	for v := range in {
		out = append(out, v)
	}
	return out
}

func main() {
	lengths := stage(source("go", "gopher", "goroutine"), func(s string) int { return len(s) })
	doubled := stage(lengths, func(n int) float64 { return float64(n) * 1.5 })
	fmt.Println(collect(doubled))
}
