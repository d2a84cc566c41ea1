// Feature: range over a pointer to an array (also of a defined array type) leaves the variables declared before it alone
package main

import "fmt"

type grid [3]int

type shard struct{ hits int }

type shards [4]*shard

func main() {
	name := "total"
	p := &grid{1, 2, 3}
	sum := 0
	for i, v := range p {
		sum += v
		p[i] = v * 10
	}
	fmt.Println(name, sum, *p)

	s := new(shards)
	for i := range s {
		s[i] = &shard{hits: i * i}
	}
	busiest := 0
	for i, sh := range s {
		if sh.hits > s[busiest].hits {
			busiest = i
		}
	}
	fmt.Println("busiest shard:", busiest, s[busiest].hits)

	label := "letters:"
	q := &[2]string{"a", "b"}
	for _, l := range q {
		label += " " + l
	}
	fmt.Println(label)
}
