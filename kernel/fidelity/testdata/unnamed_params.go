// Feature: functions, methods and callbacks with unnamed parameters
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Handler struct{ name string }

func (h Handler) Handle(string, int) { fmt.Println("handled by", h.name) }

func (Handler) Kind(int) string { return "handler" }

func ignore(int) { fmt.Println("ignored an int") }

func pair(string, ...int) (int, error) { return 2, nil }

func apply(f func(int) string, n int) string { return f(n) }

func main() {
	ignore(3)
	fmt.Println(pair("x", 1, 2))
	h := Handler{"h1"}
	h.Handle("req", 1)
	fmt.Println(h.Kind(0))
	constant := func(int) string { return "constant" }
	fmt.Println(apply(constant, 7))
	xs := []int{3, 1, 2}
	sort.Slice(xs, func(i, _ int) bool { return i == 0 })
	fmt.Println(len(xs))
	upper := strings.Map(func(rune) rune { return 'x' }, "abc")
	fmt.Println(upper)
	count := 0
	visit := func(string, int) { count++ }
	for i, s := range []string{"a", "b"} {
		visit(s, i)
	}
	fmt.Println("visited", count)
}
