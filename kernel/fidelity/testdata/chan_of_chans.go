// Feature: request/response with channels of channels and select send cases
package main

import "fmt"

type request struct {
	n     int
	reply chan int
}

func server(reqs <-chan request) {
	for r := range reqs {
		r.reply <- r.n * r.n
	}
}

func main() {
	reqs := make(chan request)
	go server(reqs)
	replies := []chan int{make(chan int, 1), make(chan int, 1), make(chan int, 1)}
	for i, c := range replies {
		reqs <- request{i + 2, c}
	}
	for _, c := range replies {
		fmt.Println(<-c)
	}
	out := make(chan int, 1)
	for i := range 3 {
		select {
		case out <- i:
			fmt.Println("sent", i)
		default:
			fmt.Println("full, dropped", i, "holding", <-out)
		}
	}
	close(reqs)
}
