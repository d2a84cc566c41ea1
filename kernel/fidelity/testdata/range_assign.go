// Feature: for i = range with an existing variable leaves the last index
package main

import "fmt"

func main() {
	var i int
	for i = range [2]int{} {
	}
	fmt.Println(i)
	var k, v int
	for k, v = range []int{5, 6, 7} {
	}
	fmt.Println(k, v)
	var n int
	for n = range 4 {
	}
	fmt.Println(n)
	var key string
	for key = range map[string]bool{"only": true} {
	}
	fmt.Println(key)
}
