// Feature: a struct embedding sync.Mutex used as a sync.Locker (sync.NewCond(q))
package main

import (
	"fmt"
	"sync"
)

type queue struct {
	sync.Mutex
	items []int
}

func main() {
	q := &queue{}
	cond := sync.NewCond(q)
	done := make(chan bool)
	go func() {
		q.Lock()
		for len(q.items) == 0 {
			cond.Wait()
		}
		fmt.Println("got", q.items[0])
		q.Unlock()
		done <- true
	}()
	q.Lock()
	q.items = append(q.items, 42)
	q.Unlock()
	cond.Signal()
	<-done
	var l sync.Locker = q
	l.Lock()
	l.Unlock()
	fmt.Println("locker ok")
}
