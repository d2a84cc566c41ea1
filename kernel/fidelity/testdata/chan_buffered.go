// Feature: buffered channels (len, cap, blocking when full)
package main

import "fmt"

func main() {
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	fmt.Println(len(ch), cap(ch))
	ch <- "c"
	select {
	case ch <- "d":
		fmt.Println("sent d")
	default:
		fmt.Println("full")
	}
	for len(ch) > 0 {
		fmt.Print(<-ch, " ")
	}
	fmt.Println()
}
