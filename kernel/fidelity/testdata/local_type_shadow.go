// Feature: a local type that shadows a package-level type of the same name
package main

import "fmt"

type item struct{ name string }

func local() string {
	type item struct {
		id    int
		price float64
	}
	it := item{1, 2.5}
	return fmt.Sprint(it.id, it.price)
}

func main() {
	fmt.Println(local())
	fmt.Println(item{"pkg"}.name)
}
