// Feature: Stringer and error methods of values nested in slices, maps and structs
package main

import "fmt"

type Level int

func (l Level) String() string { return [...]string{"low", "mid", "high"}[l] }

type Task struct {
	Name  string
	Level Level
}

func main() {
	fmt.Println(Level(2))
	fmt.Println([]Level{0, 1, 2})
	fmt.Println(Task{"t", 1})
	fmt.Println(map[string]Level{"a": 2})
}
