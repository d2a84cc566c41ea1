// Feature: select over channels reached through a pointer to a defined array type (out[0].req), as Go's chan/powser1 does
package main

import "fmt"

type link struct {
	req chan int
	dat chan string
}

type pair [2]*link

func newPair() *pair {
	p := new(pair)
	for i := range p {
		p[i] = &link{req: make(chan int), dat: make(chan string, 1)}
	}
	return p
}

// serve answers requests on either link of the pair until both are done.
func serve(out *pair, done chan bool) {
	served := 0
	for served < 4 {
		select {
		case n := <-out[0].req:
			out[0].dat <- fmt.Sprint("left ", n)
		case n := <-out[1].req:
			out[1].dat <- fmt.Sprint("right ", n)
		}
		served++
	}
	done <- true
}

func main() {
	p := newPair()
	done := make(chan bool)
	go serve(p, done)
	for i := 0; i < 2; i++ {
		for side := range p {
			p[side].req <- i
			fmt.Println(<-p[side].dat)
		}
	}
	<-done
	vals := []any{len(p[0].dat), cap(p[1].dat)}
	fmt.Println(vals)
}
