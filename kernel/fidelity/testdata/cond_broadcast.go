// Feature: sync.Cond Broadcast waking all waiters
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	var wg sync.WaitGroup
	woke := make(chan int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for !ready {
				c.Wait()
			}
			mu.Unlock()
			woke <- i
		}()
	}
	mu.Lock()
	ready = true
	c.Broadcast()
	mu.Unlock()
	wg.Wait()
	close(woke)
	sum := 0
	for i := range woke {
		sum += i
	}
	fmt.Println("all woke, sum of ids:", sum)
}
