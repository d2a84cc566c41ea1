// Feature: goroutines + sync.WaitGroup (Add/Done/Wait)
package main

import (
	"fmt"
	"sync"
)

func square(n int) int { return n * n }

func main() {
	var wg sync.WaitGroup
	results := make([]int, 5)
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = square(i)
		}()
	}
	wg.Wait()
	fmt.Println(results)
}
