// Feature: sync/atomic.Pointer[T]
package main

import (
	"fmt"
	"sync/atomic"
)

type Config struct {
	Name    string
	Version int
}

var current atomic.Pointer[Config]

func main() {
	fmt.Println(current.Load() == nil)
	c1 := &Config{"first", 1}
	current.Store(c1)
	fmt.Println(current.Load().Name)
	c2 := &Config{"second", 2}
	old := current.Swap(c2)
	fmt.Println(old.Version, current.Load().Version)
	fmt.Println(current.CompareAndSwap(c1, c1), current.CompareAndSwap(c2, c1))
	fmt.Println(*current.Load())
}
