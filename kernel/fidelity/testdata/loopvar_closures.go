// Feature: per-iteration loop variables: closures, and body changes carried into the post statement
package main

import "fmt"

func main() {
	var fs []func() int
	for i := 0; i < 10; i++ {
		fs = append(fs, func() int { return i })
		i += 2 // carried into i++ of this iteration
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var gs []func() string
	for i, j := 0, 10; i < j; i, j = i+1, j-3 {
		gs = append(gs, func() string { return fmt.Sprint(i, ":", j) })
	}
	for _, g := range gs {
		fmt.Print(g(), " ")
	}
	fmt.Println()
	var hs []func() int
	for i := 0; i < 6; i++ {
		if i%2 == 0 {
			continue
		}
		hs = append(hs, func() int { return i })
	}
	for _, h := range hs {
		fmt.Print(h(), " ")
	}
	fmt.Println()
}
