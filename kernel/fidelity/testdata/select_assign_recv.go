// Feature: select with an assignment receive (case v = <-ch)
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int, 1)
	ch <- 42
	var got int
	select {
	case got = <-ch:
		fmt.Println("received", got)
	case <-time.After(5 * time.Second):
		fmt.Println("timeout")
	}
	var ok bool
	close(ch)
	select {
	case got, ok = <-ch:
		fmt.Println("closed:", got, ok)
	case <-time.After(5 * time.Second):
		fmt.Println("timeout")
	}
}
