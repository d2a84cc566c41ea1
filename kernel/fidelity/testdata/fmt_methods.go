// Feature: String and Error methods through interfaces, pointer receivers and Print spacing
package main

import (
	"errors"
	"fmt"
	"time"
)

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

type Node struct{ ID int }

func (n *Node) String() string {
	if n == nil {
		return "nil-node"
	}
	return fmt.Sprint("node#", n.ID)
}

type BadInput struct{ Field string }

func (e *BadInput) Error() string { return "bad input: " + e.Field }

type Color string

func (c Color) String() string { return "color:" + string(c) }

func validate(s string) error {
	if s == "" {
		return &BadInput{"name"}
	}
	return nil
}

func main() {
	var t Temp = 21.5
	fmt.Println(t, Temp(-3))
	fmt.Printf("%v|%s|%q|%8v|\n", t, t, t, t)
	n := &Node{7}
	fmt.Println(n)
	var s fmt.Stringer = n
	fmt.Println(s)
	var anything any = t
	fmt.Println(anything)
	fmt.Print(t, t, "\n")
	fmt.Print(Color("red"), Color("blue"), "\n")
	err := validate("")
	fmt.Println(err)
	fmt.Printf("error: %v\n", err)
	fmt.Println(validate("ok") == nil)
	var np *Node
	fmt.Println(np)
	fmt.Println(time.Duration(1500)*time.Millisecond, errors.New("plain"))
	fmt.Printf("%d %5.1f\n", 42, float64(t))
}
