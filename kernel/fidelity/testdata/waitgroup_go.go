// Feature: sync.WaitGroup.Go (Go 1.25)
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[int]bool{}
	for i := range 4 {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			seen[i*i] = true
		})
	}
	wg.Wait()
	fmt.Println(seen)
}
