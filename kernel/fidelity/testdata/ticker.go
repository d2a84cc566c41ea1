// Feature: time.Ticker and time.Timer in select loops
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(2 * time.Millisecond)
	defer ticker.Stop()
	ticks := 0
	for range ticker.C {
		ticks++
		if ticks == 3 {
			break
		}
	}
	fmt.Println("ticks:", ticks)
	timer := time.NewTimer(time.Hour)
	done := make(chan bool)
	go func() { done <- true }()
	select {
	case <-timer.C:
		fmt.Println("timer")
	case <-done:
		fmt.Println("done first; stopped:", timer.Stop())
	}
}
