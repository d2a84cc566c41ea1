// Feature: an unrecovered panic in a time.AfterFunc callback ends the run (the kernel reports it as the cell's error)
package main

import (
	"fmt"
	"time"
)

func main() {
	fired := make(chan struct{})
	quiet := time.AfterFunc(time.Hour, func() { fmt.Println("never") })
	fmt.Println("stopped:", quiet.Stop())
	time.AfterFunc(time.Millisecond, func() {
		fmt.Println("timer fired")
		close(fired)
		var counts map[string]int
		counts["late"]++
	})
	<-fired
	time.Sleep(200 * time.Millisecond)
}
