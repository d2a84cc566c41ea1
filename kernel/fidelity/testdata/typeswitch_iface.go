// Feature: type switch cases of interface types that a notebook type implements by pointer methods (yaegi ignores method sets there)
package main

import "fmt"

type Shape interface{ Area() float64 }

type Resizer interface{ Resize(f float64) }

type square struct{ side float64 }

func (s square) Area() float64     { return s.side * s.side }
func (s *square) Resize(f float64) { s.side *= f }

func main() {
	var x any = square{2}
	switch x.(type) {
	case Resizer:
		fmt.Println("switch: resizer")
	case Shape:
		fmt.Println("switch: shape")
	}
	for _, v := range []any{square{1}, &square{2}, 7} {
		switch s := v.(type) {
		case Resizer:
			s.Resize(3)
			fmt.Println("resized to", v.(Shape).Area())
		case Shape:
			fmt.Println("area", s.Area())
		default:
			fmt.Println("neither", s)
		}
	}
}
