// Feature: interfaces, type switches, fmt.Stringer
package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
}

type Circle struct{ R float64 }

type Rect struct{ W, H float64 }

func (c Circle) Area() float64 { return math.Pi * c.R * c.R }

func (r Rect) Area() float64 { return r.W * r.H }

func (r Rect) String() string { return fmt.Sprintf("Rect(%gx%g)", r.W, r.H) }

func describe(s Shape) string {
	switch v := s.(type) {
	case Circle:
		return fmt.Sprintf("circle r=%g area=%.2f", v.R, v.Area())
	case Rect:
		return fmt.Sprintf("%v area=%.1f", v, v.Area())
	default:
		return "unknown"
	}
}

func main() {
	shapes := []Shape{Circle{1}, Rect{2, 3}}
	total := 0.0
	for _, s := range shapes {
		fmt.Println(describe(s))
		total += s.Area()
	}
	fmt.Printf("total %.3f\n", total)
	if _, ok := shapes[1].(fmt.Stringer); ok {
		fmt.Println("Rect is a Stringer:", shapes[1])
	}
}
