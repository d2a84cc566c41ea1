// Feature: runtime.NumGoroutine counts the program's goroutines
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	base := runtime.NumGoroutine()
	fmt.Println("at start:", base)
	var wg sync.WaitGroup
	release := make(chan struct{})
	started := make(chan struct{})
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started <- struct{}{}
			<-release
		}()
	}
	for range 3 {
		<-started
	}
	fmt.Println("while blocked:", runtime.NumGoroutine())
	close(release)
	wg.Wait()
}
