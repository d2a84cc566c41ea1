// Feature: type assertions to interfaces honour method sets (pointer-receiver methods are not in a value's method set)
package main

import "fmt"

type Shape interface{ Area() float64 }

type Resizer interface{ Resize(f float64) }

type square struct{ side float64 }

func (s square) Area() float64     { return s.side * s.side }
func (s *square) Resize(f float64) { s.side *= f }

func main() {
	var x any = square{2}
	_, isShape := x.(Shape)
	_, isResizer := x.(Resizer)
	fmt.Println("value:", isShape, isResizer)
	var p any = &square{3}
	_, isShape = p.(Shape)
	r, isResizer := p.(Resizer)
	fmt.Println("pointer:", isShape, isResizer)
	r.Resize(2)
	fmt.Println(p.(Shape).Area())
	if s, ok := p.(Shape); ok {
		fmt.Println("area via assertion", s.Area())
	}
	for _, v := range []any{square{1}, &square{2}, 7} {
		_, isR := v.(Resizer)
		_, isS := v.(Shape)
		fmt.Println(isR, isS)
	}
}
