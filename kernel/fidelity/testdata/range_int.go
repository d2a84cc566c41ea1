// Feature: range over integers (Go 1.22)
package main

import "fmt"

type Count int

func show(c Count) { fmt.Println("count", int(c)) }

func main() {
	for i := range 3 {
		fmt.Print(i, " ")
	}
	fmt.Println()
	n := 4
	total := 0
	for i := range n {
		total += i
	}
	fmt.Println(total)
	var c Count = 2
	for i := range c {
		show(i)
	}
	k := 0
	for range 5 {
		k++
	}
	fmt.Println(k)
	var fs []func() int
	for i := range 3 {
		fs = append(fs, func() int { return i * 10 })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	for i := range int64(2) {
		fmt.Printf("%T ", i)
	}
	fmt.Println()
}
