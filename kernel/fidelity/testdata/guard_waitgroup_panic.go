// Feature: an unrecovered panic in a callback of sync.WaitGroup.Go ends the run (the kernel reports it as the cell's error)
package main

import (
	"fmt"
	"sync"
)

func main() {
	fmt.Println("starting")
	var wg sync.WaitGroup
	results := make([]int, 3)
	for i := range 2 {
		wg.Go(func() { results[i] = i * 10 })
	}
	wg.Wait()
	fmt.Println(results[:2])
	wg.Go(func() {
		fmt.Println("worker 2 running")
		panic(fmt.Sprint("worker ", 2, " failed"))
	})
	wg.Wait()
}
