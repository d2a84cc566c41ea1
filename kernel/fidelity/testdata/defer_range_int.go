// Feature: defer and goroutines inside range-over-int and labeled loops
package main

import (
	"fmt"
	"sync"
)

func cleanup() {
	for i := range 3 {
		defer func() { fmt.Println("cleanup", i) }()
	}
}

func search(grid [][]int, want int) (r, c int) {
	r, c = -1, -1
outer:
	for i := range len(grid) {
		for j := range len(grid[i]) {
			if grid[i][j] == want {
				r, c = i, j
				break outer
			}
		}
	}
	return
}

func main() {
	cleanup()
	fmt.Println(search([][]int{{1, 2}, {3, 4}}, 3))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sum := 0
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			sum += i
		}()
	}
	wg.Wait()
	fmt.Println(sum)
}
