// Feature: worker pool with jobs and results channels
package main

import (
	"fmt"
	"sync"
)

type result struct{ job, value int }

func main() {
	jobs := make(chan int, 10)
	results := make(chan result, 10)
	var wg sync.WaitGroup
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := range jobs {
				results <- result{j, j * 2}
			}
		}(w)
	}
	for j := 1; j <= 9; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	close(results)
	total := make([]int, 10)
	for r := range results {
		total[r.job] = r.value
	}
	fmt.Println(total)
}
