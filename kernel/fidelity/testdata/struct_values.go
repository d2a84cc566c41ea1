// Feature: value semantics: struct copies, arrays by value, slices sharing backing arrays
package main

import "fmt"

type Point struct{ X, Y int }

func move(p Point) Point { p.X++; return p }

func moveP(p *Point) { p.Y++ }

func main() {
	a := Point{1, 2}
	b := a
	b.X = 10
	fmt.Println(a, b, move(a), a)
	moveP(&a)
	fmt.Println(a)
	arr := [3]int{1, 2, 3}
	arr2 := arr
	arr2[0] = 99
	fmt.Println(arr, arr2)
	s := []int{1, 2, 3, 4}
	t := s[1:3]
	t[0] = 20
	t = append(t, 30)
	fmt.Println(s, t, len(t), cap(t))
	m := map[string]Point{"a": {1, 1}}
	p := m["a"]
	p.X = 5
	fmt.Println(m, p)
}
