// Feature: rate limiting with time.Tick and bursty limiter channels
package main

import (
	"fmt"
	"time"
)

func main() {
	requests := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		requests <- i
	}
	close(requests)
	limiter := time.Tick(2 * time.Millisecond)
	served := 0
	for req := range requests {
		<-limiter
		served += req
	}
	fmt.Println("served", served)
	bursty := make(chan time.Time, 3)
	for range 3 {
		bursty <- time.Now()
	}
	go func() {
		for t := range time.Tick(2 * time.Millisecond) {
			bursty <- t
		}
	}()
	n := 0
	for range 5 {
		<-bursty
		n++
	}
	fmt.Println("bursty served", n)
}
