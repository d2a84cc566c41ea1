// Feature: typed iota constants and local constant blocks with implicit repetition
package main

import "fmt"

const (
	KB float64 = 1 << (10 * (iota + 1))
	MB
	GB
)

type weekday int

const (
	sunday weekday = iota
	monday
	tuesday
)

func main() {
	fmt.Println(KB, MB, GB)
	fmt.Println(sunday, monday, tuesday)
	const (
		c, d = iota, iota * 2
		e, f
	)
	fmt.Println(c, d, e, f)
}
