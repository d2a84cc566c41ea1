// Feature: sync.OnceFunc, sync.OnceValue, sync.OnceValues
package main

import (
	"fmt"
	"strconv"
	"sync"
)

func main() {
	calls := 0
	setup := sync.OnceFunc(func() { calls++ })
	setup()
	setup()
	fmt.Println("setup calls:", calls)

	expensive := sync.OnceValue(func() int {
		calls++
		return 42
	})
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() { defer wg.Done(); _ = expensive() }()
	}
	wg.Wait()
	fmt.Println(expensive(), calls)

	parse := sync.OnceValues(func() (int, error) { return strconv.Atoi("12") })
	n, err := parse()
	fmt.Println(n, err)
}
