// Feature: done channel pattern (for-select with a quit signal)
package main

import (
	"fmt"
	"sync"
)

func worker(id int, done <-chan struct{}, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	count := 0
	for {
		select {
		case <-done:
			results <- fmt.Sprintf("worker %d stopped", id)
			return
		default:
			if count < 3 {
				count++
			}
		}
	}
}

func main() {
	done := make(chan struct{})
	results := make(chan string, 2)
	var wg sync.WaitGroup
	for i := 1; i <= 2; i++ {
		wg.Add(1)
		go worker(i, done, results, &wg)
	}
	close(done)
	wg.Wait()
	close(results)
	n := 0
	for range results {
		n++
	}
	fmt.Println(n, "workers stopped")
}
