// Feature: select on channel fields of a struct behind a pointer, labeled break out of a loop
package main

import "fmt"

type counter struct {
	adds  chan int
	reads chan chan int
	quit  chan struct{}
	total int
}

func (c *counter) run() {
loop:
	for {
		select {
		case w, ok := <-c.adds:
			if !ok {
				break loop
			}
			c.total += w
		case r := <-c.reads:
			r <- c.total
		case <-c.quit:
			break loop
		}
	}
	close(c.reads)
}

func main() {
	c := &counter{adds: make(chan int), reads: make(chan chan int), quit: make(chan struct{})}
	done := make(chan struct{})
	go func() { c.run(); close(done) }()
	for i := 1; i <= 10; i++ {
		c.adds <- i
	}
	r := make(chan int)
	c.reads <- r
	fmt.Println("total", <-r)
	close(c.quit)
	<-done
	fmt.Println("final", c.total)
}
