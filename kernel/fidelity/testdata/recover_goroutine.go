// Feature: recover inside goroutines, reporting panics as errors
package main

import (
	"fmt"
	"sort"
	"sync"
)

func safeGo(wg *sync.WaitGroup, errs chan<- string, id int, f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() {
			if r := recover(); r != nil {
				errs <- fmt.Sprintf("worker %d: %v", id, r)
			}
		}()
		f()
	}()
}

func main() {
	var wg sync.WaitGroup
	errs := make(chan string, 3)
	for i := 0; i < 3; i++ {
		safeGo(&wg, errs, i, func() {
			if i != 1 {
				panic(fmt.Sprint("bad input ", i))
			}
		})
	}
	wg.Wait()
	close(errs)
	var all []string
	for e := range errs {
		all = append(all, e)
	}
	sort.Strings(all)
	for _, e := range all {
		fmt.Println(e)
	}
}
