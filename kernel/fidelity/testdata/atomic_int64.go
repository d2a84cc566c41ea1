// Feature: sync/atomic Int64 and AddInt64
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var n atomic.Int64
	var old int64
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.Add(int64(i))
			atomic.AddInt64(&old, 1)
		}()
	}
	wg.Wait()
	fmt.Println(n.Load(), atomic.LoadInt64(&old))
	n.Store(5)
	fmt.Println(n.Swap(7), n.Load())
}
