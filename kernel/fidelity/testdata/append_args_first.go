// Feature: append's arguments are evaluated before it writes: elements of the slice itself, and the slice appended to itself
package main

import "fmt"

type job struct {
	id   int
	name string
}

func main() {
	s := make([]byte, 5, 6)
	copy(s, "12346")
	s = append(s[:len(s)-1], '5', s[len(s)-1])
	fmt.Println(string(s))

	q := make([]job, 3, 10)
	for i := range q {
		q[i] = job{i, fmt.Sprint("j", i)}
	}
	// Move the last job to the front, keeping the others' order.
	q = append(q[:0], q[2], q[0], q[1])
	fmt.Println(q)

	xs := []int{1, 2, 3}
	xs = append(xs, xs...)
	fmt.Println(xs)

	ys := make([]int, 3, 8)
	copy(ys, []int{7, 8, 9})
	ys = append(ys[:1], ys[2], ys[1], ys[0])
	fmt.Println(ys)
}
