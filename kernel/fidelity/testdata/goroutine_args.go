// Feature: go statement evaluates function value and arguments before starting
package main

import (
	"fmt"
	"sync"
)

type logger struct{ prefix string }

func (l *logger) log(wg *sync.WaitGroup, out chan<- string, msg string, n float64) {
	defer wg.Done()
	out <- fmt.Sprintf("%s%s %.1f", l.prefix, msg, n)
}

func main() {
	var wg sync.WaitGroup
	out := make(chan string, 10)
	msg := "first"
	l := &logger{prefix: "A:"}
	wg.Add(1)
	go l.log(&wg, out, msg, 1) // 1 is an untyped constant passed to a float64
	msg = "second"
	wg.Wait()
	f := func(s string) { defer wg.Done(); out <- "f " + s }
	wg.Add(1)
	go f(msg)
	f = func(s string) { defer wg.Done(); out <- "g " + s }
	wg.Wait()
	close(out)
	for s := range out {
		fmt.Println(s)
	}
}
