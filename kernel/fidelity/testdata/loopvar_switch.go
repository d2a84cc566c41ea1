// Feature: closures created in a switch inside a loop
package main

import "fmt"

func main() {
	var fs []func() string
	for i := 0; i < 4; i++ {
		label := fmt.Sprint("#", i)
		switch {
		case i%2 == 0:
			fs = append(fs, func() string { return "even " + label + fmt.Sprint(i) })
		default:
			n := i * i
			fs = append(fs, func() string { return fmt.Sprint("odd ", label, n, i) })
		}
	}
	for _, f := range fs {
		fmt.Println(f())
	}
	var gs []func() int
	for _, v := range []any{1, "two", 3.0} {
		switch x := v.(type) {
		case int:
			gs = append(gs, func() int { return x })
		case string:
			gs = append(gs, func() int { return len(x) })
		default:
			gs = append(gs, func() int { return -1 })
		}
	}
	for _, g := range gs {
		fmt.Print(g(), " ")
	}
	fmt.Println()
}
