// Feature: values of named basic types with methods held in interfaces are told from their underlying type (assertions, printing)
package main

import "fmt"

type level int

func (l level) String() string { return [...]string{"low", "mid", "high"}[l] }

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func id(x any) any { return x }

func isLevel(x any) bool { _, ok := x.(level); return ok }

func isInt(x any) bool { _, ok := x.(int); return ok }

func main() {
	var x any = 2
	fmt.Println(x, isLevel(x), isInt(x))
	var y any = level(2)
	fmt.Println(y, isLevel(y), isInt(y))
	xs := []any{1, level(1)}
	fmt.Println(xs, isLevel(xs[0]), isLevel(xs[1]))
	m := map[string]any{"a": level(0)}
	fmt.Println(isLevel(m["a"]), isLevel(id(level(2))), isLevel(id(2)))
	ch := make(chan any, 1)
	ch <- level(1)
	fmt.Println(isLevel(<-ch))
	var c any = celsius(21.5)
	var f any = 3.5
	fmt.Println(c, f)
	ls := []level{1, 2}
	var la any = ls[1]
	fmt.Println(la, isLevel(la))
}
