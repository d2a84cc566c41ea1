// Feature: nested range-over-func loops and closures over their variables
package main

import "fmt"

func Pairs(n int) func(func(int, int) bool) {
	return func(yield func(int, int) bool) {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if !yield(i, j) {
					return
				}
			}
		}
	}
}

func Letters(s string) func(func(rune) bool) {
	return func(yield func(rune) bool) {
		for _, r := range s {
			if !yield(r) {
				return
			}
		}
	}
}

func main() {
	var fs []func() string
	for i, j := range Pairs(3) {
		for r := range Letters("xy") {
			fs = append(fs, func() string { return fmt.Sprintf("%d%d%c", i, j, r) })
		}
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
