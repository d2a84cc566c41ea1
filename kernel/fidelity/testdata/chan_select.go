// Feature: select over several channels, default case
package main

import "fmt"

func main() {
	a, b := make(chan string, 1), make(chan string, 1)
	select {
	case m := <-a:
		fmt.Println("a", m)
	default:
		fmt.Println("nothing ready")
	}
	b <- "from b"
	select {
	case m := <-a:
		fmt.Println("a", m)
	case m := <-b:
		fmt.Println("b", m)
	}
	quit := make(chan struct{})
	data := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			data <- i
		}
		close(quit)
	}()
	for {
		select {
		case v := <-data:
			fmt.Println("data", v)
		case <-quit:
			fmt.Println("quit")
			return
		}
	}
}
