// Feature: close and range over a channel; receive from a closed channel
package main

import "fmt"

func produce(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 1; i <= n; i++ {
			ch <- i * 10
		}
	}()
	return ch
}

func main() {
	sum := 0
	for v := range produce(4) {
		sum += v
		fmt.Println("got", v)
	}
	fmt.Println("sum", sum)
	ch := make(chan int, 1)
	ch <- 7
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Println(v, ok)
}
