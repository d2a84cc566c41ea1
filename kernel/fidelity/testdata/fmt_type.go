// Feature: %T of values whose static type is known
package main

import (
	"fmt"
	"time"
)

type Celsius float64

type Job struct{ ID int }

func main() {
	var c Celsius = 21.5
	j := Job{7}
	fmt.Printf("%T %T %T %T\n", 1, "s", 2.5, []string{})
	fmt.Printf("%T %T\n", c, j)
	fmt.Printf("%T %T %T\n", &j, []Job{}, map[string]Celsius{})
	fmt.Printf("%T %v\n", time.Second, c)
}
