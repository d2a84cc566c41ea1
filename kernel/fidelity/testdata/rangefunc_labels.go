// Feature: range over function with labeled break/continue across nested loops
package main

import "fmt"

func Seq(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func find(grid [][]int, target int) (int, int) {
	for r := range Seq(len(grid)) {
		for c := range Seq(len(grid[r])) {
			if grid[r][c] == target {
				return r, c
			}
		}
	}
	return -1, -1
}

func main() {
outer:
	for i := range Seq(4) {
		for j := range Seq(4) {
			if j > i {
				continue outer
			}
			if i == 3 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
rows:
	for i := 0; i < 3; i++ {
		for j := range Seq(3) {
			if j == 1 {
				continue rows
			}
			fmt.Print("r", i, j, " ")
		}
	}
	fmt.Println()
	fmt.Println(find([][]int{{1, 2}, {3, 4}}, 4))
	fmt.Println(find([][]int{{1}}, 9))
}
