// Feature: goroutines capturing 3-clause loop variables (Go 1.22 semantics)
package main

import (
	"fmt"
	"sort"
)

func main() {
	ch := make(chan int)
	for i := 0; i < 5; i++ {
		go func() { ch <- i }()
	}
	var got []int
	for range 5 {
		got = append(got, <-ch)
	}
	sort.Ints(got)
	fmt.Println(got)
}
