// Feature: select on channels of a named channel type (type Sem chan struct{})
package main

import (
	"fmt"
	"time"
)

type Sem chan struct{}

type results chan int

func (s Sem) acquire() { s <- struct{}{} }
func (s Sem) release() { <-s }

func main() {
	sem := make(Sem, 1)
	out := make(results, 1)
	sem.acquire()
	select {
	case sem <- struct{}{}:
		fmt.Println("acquired twice")
	default:
		fmt.Println("full")
	}
	sem.release()
	out <- 7
	select {
	case v := <-out:
		fmt.Println("got", v)
	case <-time.After(time.Second):
		fmt.Println("timeout")
	}
}
