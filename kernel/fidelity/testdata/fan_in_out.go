// Feature: fan-out / fan-in with a merge function
package main

import (
	"fmt"
	"sort"
	"sync"
)

func worker(id int, jobs <-chan int) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for j := range jobs {
			out <- fmt.Sprintf("job %d squared %d", j, j*j)
		}
	}()
	return out
}

func merge(cs ...<-chan string) <-chan string {
	var wg sync.WaitGroup
	out := make(chan string)
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range c {
				out <- s
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func main() {
	jobs := make(chan int)
	go func() {
		for i := 1; i <= 6; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	var res []string
	for s := range merge(worker(1, jobs), worker(2, jobs), worker(3, jobs)) {
		res = append(res, s)
	}
	sort.Strings(res)
	for _, s := range res {
		fmt.Println(s)
	}
}
