// Feature: user declarations named like builtins (min, max, clear) are left alone
package main

import "fmt"

func max(xs ...int) string { return fmt.Sprint("user max of ", len(xs)) }

type cache struct{ items map[string]int }

func (c *cache) clear() { c.items = map[string]int{} }

func main() {
	fmt.Println(max(1, 2, 3))
	min := 7
	fmt.Println(min)
	c := &cache{items: map[string]int{"a": 1}}
	c.clear()
	fmt.Println(len(c.items))
	clear := func(m map[string]int) { m["cleared"] = 1 }
	m := map[string]int{}
	clear(m)
	fmt.Println(m)
}
