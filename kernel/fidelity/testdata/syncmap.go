// Feature: sync.Map Store/Load/LoadOrStore/Range
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var m sync.Map
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Store(i, i*10)
		}()
	}
	wg.Wait()
	v, ok := m.Load(3)
	fmt.Println(v, ok)
	actual, loaded := m.LoadOrStore(3, 99)
	fmt.Println(actual, loaded)
	var keys []int
	m.Range(func(k, v any) bool {
		keys = append(keys, k.(int))
		return true
	})
	sort.Ints(keys)
	fmt.Println(keys)
}
