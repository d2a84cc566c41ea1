// Feature: deferring a closure held in a variable (d := func(){}; defer d())
package main

import (
	"fmt"
	"sync"
)

func withCleanup() {
	cleanup := func() { fmt.Println("cleanup ran") }
	defer cleanup()
	fmt.Println("working")
}

func inLoop() {
	for i := 0; i < 3; i++ {
		d := func() { fmt.Println("deferred", i) }
		defer d()
	}
}

func waitAtExit() {
	var wg sync.WaitGroup
	defer wg.Wait()
	report := func(n int) { fmt.Println("report", n) }
	wg.Add(1)
	go func() {
		defer wg.Done()
		report(1)
		report(2)
	}()
}

func main() {
	withCleanup()
	inLoop()
	waitAtExit()
	fmt.Println("done")
}
