// Feature: a struct embedding time.Duration, printed and used through its promoted methods
package main

import (
	"fmt"
	"time"
)

type timeout struct {
	time.Duration
	name string
}

type Retry struct {
	time.Duration
	Max int
}

func main() {
	t := timeout{2 * time.Second, "dial"}
	fmt.Println(t.Seconds(), t.name)
	fmt.Println(t.Duration)
	fmt.Println(t)
	r := Retry{time.Millisecond, 3}
	fmt.Println(r)
	fmt.Printf("%v %s\n", r, r.Duration)
}
