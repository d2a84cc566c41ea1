// Feature: return <-ch and assignment of a receive to a named result
package main

import (
	"errors"
	"fmt"
)

func first(ch chan int) int { return <-ch }

func pair(ch chan int) (int, error) { return <-ch, nil }

func named(ch chan int) (v int) {
	v = <-ch
	return
}

func failure(ch chan error) error { return <-ch }

func main() {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	ch <- 3
	fmt.Println(first(ch))
	fmt.Println(pair(ch))
	fmt.Println(named(ch))
	ech := make(chan error, 1)
	ech <- errors.New("boom")
	fmt.Println(failure(ech))
}
