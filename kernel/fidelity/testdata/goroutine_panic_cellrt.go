// Feature: unrecovered panics stay inside their goroutine only when recovered (recover in deferred closure of the goroutine)
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	results := make([]string, 3)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					results[i] = fmt.Sprint("recovered ", r)
				}
			}()
			if i == 1 {
				var m map[string]int
				m["x"] = 1
			}
			results[i] = "ok"
		}()
	}
	wg.Wait()
	for _, r := range results {
		fmt.Println(r)
	}
}
