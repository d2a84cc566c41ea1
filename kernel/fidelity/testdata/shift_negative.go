// Feature: shifts by a negative count panic; large counts give zero
package main

import "fmt"

func shift(x, n int) (r int, err any) {
	defer func() { err = recover() }()
	return x << n, nil
}

func main() {
	fmt.Println(shift(1, 3))
	fmt.Println(shift(1, 70))
	fmt.Println(shift(1, -1))
	var u uint8 = 200
	s := 9
	fmt.Println(u<<s, u>>s, u<<1)
}
