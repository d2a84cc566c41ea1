// Feature: %+v of structs with unexported fields (yaegi renames the fields)
package main

import "fmt"

type user struct {
	name  string
	age   int
	Email string
}

type wrapper struct {
	u     user
	tags  []string
	inner *int
}

func main() {
	u := user{"ann", 30, "a@x.org"}
	fmt.Printf("%v\n", u)
	fmt.Printf("%+v\n", u)
	w := wrapper{u: u, tags: []string{"a", "b"}}
	fmt.Printf("%+v\n", w)
	fmt.Println(fmt.Sprintf("%+v", struct{ x, y int }{1, 2}))
}
