// Feature: sync/atomic CompareAndSwap loops
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func maxUpdate(p *atomic.Int32, v int32) {
	for {
		cur := p.Load()
		if v <= cur || p.CompareAndSwap(cur, v) {
			return
		}
	}
}

func main() {
	var best atomic.Int32
	var flag int32
	var wg sync.WaitGroup
	for _, v := range []int32{5, 17, 3, 12, 9} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			maxUpdate(&best, v)
		}()
	}
	wg.Wait()
	fmt.Println(best.Load())
	fmt.Println(atomic.CompareAndSwapInt32(&flag, 0, 1), atomic.CompareAndSwapInt32(&flag, 0, 1), flag)
	var b atomic.Bool
	fmt.Println(b.CompareAndSwap(false, true), b.Load())
}
