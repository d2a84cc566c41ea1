// Feature: comma-ok type assertions and map lookups at the top level of a cell
package main

import "fmt"

var y any = 3

func main() {
	_, ok := y.(int)
	fmt.Println(ok)
	n, isInt := y.(int)
	fmt.Println(n, isInt)
	_, isStr := y.(string)
	fmt.Println(isStr)
	m := map[string]int{"a": 1}
	_, found := m["a"]
	fmt.Println(found)
}
