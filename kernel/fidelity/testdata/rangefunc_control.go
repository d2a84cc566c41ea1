// Feature: range over function with continue, break and return in the body
package main

import "fmt"

func Upto(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 1; i <= n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func firstOver(limit int) (int, bool) {
	for v := range Upto(100) {
		if v*v > limit {
			return v, true
		}
	}
	return 0, false
}

func sumOdd(n int) (total int) {
	for v := range Upto(n) {
		if v%2 == 0 {
			continue
		}
		total += v
		if total > 20 {
			return
		}
	}
	return total
}

func main() {
	fmt.Println(firstOver(50))
	fmt.Println(sumOdd(5), sumOdd(100))
	for v := range Upto(10) {
		if v > 3 {
			break
		}
		fmt.Println("v", v)
	}
}
