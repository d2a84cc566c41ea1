// Feature: labeled break out of for-select loops
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		for i := 1; i <= 5; i++ {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
loop:
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				break loop
			}
			if v == 4 {
				continue loop
			}
			sum += v
		}
	}
	fmt.Println("sum", sum)
}
