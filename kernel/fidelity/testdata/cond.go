// Feature: sync.Cond with package-level var cond = sync.NewCond(&mu)
package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex

var cond = sync.NewCond(&mu)

var queue []int

func consumer(n int, out chan<- int) {
	for i := 0; i < n; i++ {
		mu.Lock()
		for len(queue) == 0 {
			cond.Wait()
		}
		v := queue[0]
		queue = queue[1:]
		mu.Unlock()
		out <- v
	}
	close(out)
}

func main() {
	out := make(chan int)
	go consumer(5, out)
	go func() {
		for i := 1; i <= 5; i++ {
			mu.Lock()
			queue = append(queue, i*i)
			cond.Signal()
			mu.Unlock()
		}
	}()
	for v := range out {
		fmt.Println(v)
	}
}
