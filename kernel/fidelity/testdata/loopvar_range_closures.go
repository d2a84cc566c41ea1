// Feature: per-iteration range variables captured by closures and goroutines
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var fs []func() string
	for i, s := range []string{"a", "b", "c"} {
		fs = append(fs, func() string { return fmt.Sprint(i, s) })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	m := map[string]int{"x": 1, "y": 2, "z": 3}
	var mu sync.Mutex
	var got []string
	var wg sync.WaitGroup
	for k, v := range m {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			got = append(got, fmt.Sprint(k, v))
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Strings(got)
	fmt.Println(got)
	for _, r := range "héllo" {
		fs = append(fs[:0], func() string { return string(r) })
	}
	fmt.Println(fs[0]())
}
