// Feature: method expressions ((*T).M, T.M, I.M, error.Error) called directly and by go statements
package main

import (
	"errors"
	"fmt"
	"sync"
)

type counter struct{ n int }

func (c *counter) Add(d int) { c.n += d }

type greeter struct{ name string }

func (g greeter) Greet(wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	out <- "hello from " + g.name
}

type shape interface{ Area() int }

type rect struct{ w, h int }

func (r rect) Area() int { return r.w * r.h }

func main() {
	c := &counter{}
	add := (*counter).Add
	add(c, 2)
	add(c, 3)
	fmt.Println(c.n)
	var wg sync.WaitGroup
	out := make(chan string, 1)
	g := greeter{"g1"}
	wg.Add(1)
	go greeter.Greet(g, &wg, out)
	wg.Wait()
	fmt.Println(<-out)
	area := shape.Area
	fmt.Println(area(rect{2, 3}))
	err := errors.New("boom")
	fmt.Println(error.Error(err))
	var none shape
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		fmt.Println(area(none))
	}()
}
