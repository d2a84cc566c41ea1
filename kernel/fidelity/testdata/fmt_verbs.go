// Feature: fmt verbs %v %+v %d %s %q %x %f with widths
package main

import "fmt"

type Point struct {
	X, Y int
	Tag  string
}

func main() {
	p := Point{1, 2, "p"}
	fmt.Printf("%v|%+v\n", p, p)
	fmt.Printf("%5d|%-5d|%05d\n", 42, 42, 42)
	fmt.Printf("%s|%q|%x|%X\n", "go", "go", "go", 255)
	fmt.Printf("%8.3f|%-8.2f|%e\n", 3.14159, 2.5, 1234.5678)
	fmt.Printf("%t|%c|%U\n", true, 'G', 'G')
	fmt.Printf("%v|%v\n", []string{"a", "b"}, [2]bool{true, false})
	fmt.Printf("%6s|%-6s|\n", "ab", "cd")
	fmt.Println(fmt.Sprintf("%03d-%s", 7, "x"), fmt.Sprint("a", 1, 2, "b"))
	var ip *int
	fmt.Println(ip == nil, fmt.Sprintf("%v", nil))
}
