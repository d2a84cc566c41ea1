// Feature: struct embedding sync.RWMutex; goroutines per range element
package main

import (
	"fmt"
	"sync"
)

type Registry struct {
	sync.RWMutex
	m map[string]int
}

func (r *Registry) Put(k string, v int) {
	r.Lock()
	defer r.Unlock()
	r.m[k] = v
}

func main() {
	reg := Registry{m: make(map[string]int)}
	names := []string{"ada", "bob", "cy", "dee"}
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reg.Put(name, i)
		}()
	}
	wg.Wait()
	reg.RLock()
	fmt.Println(reg.m)
	reg.RUnlock()
}
