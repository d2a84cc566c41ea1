// Feature: closures shared by goroutines, captured counters under a mutex, results by index
package main

import (
	"fmt"
	"strings"
	"sync"
)

func parallelMap(words []string, f func(string) string) []string {
	out := make([]string, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = f(w)
		}()
	}
	wg.Wait()
	return out
}

func main() {
	var mu sync.Mutex
	calls := 0
	upper := func(s string) string {
		mu.Lock()
		calls++
		mu.Unlock()
		return strings.ToUpper(s)
	}
	fmt.Println(parallelMap([]string{"a", "bb", "ccc"}, upper), calls)
	counter := func() func() int {
		c := 0
		return func() int { c++; return c }
	}()
	var wg sync.WaitGroup
	var last int
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			last = counter()
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(last)
}
