// Feature: time.AfterFunc and callbacks into compiled code from loops
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var fired []int
	for i := 0; i < 3; i++ {
		wg.Add(1)
		time.AfterFunc(time.Duration(i)*time.Millisecond, func() {
			defer wg.Done()
			mu.Lock()
			fired = append(fired, i)
			mu.Unlock()
		})
	}
	wg.Wait()
	sort.Ints(fired)
	fmt.Println(fired)
	t := time.AfterFunc(time.Hour, func() { fmt.Println("never") })
	fmt.Println("stopped:", t.Stop())
}
