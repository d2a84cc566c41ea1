// Feature: struct embedding and promoted methods
package main

import "fmt"

type Animal struct{ Name string }

func (a Animal) Describe() string { return "I am " + a.Name }

func (a *Animal) SetName(n string) { a.Name = n }

type Dog struct {
	Animal
	Breed string
}

func (d Dog) Speak() string { return d.Name + " says woof" }

type Speaker interface{ Speak() string }

type Describer interface{ Describe() string }

func main() {
	d := Dog{Animal{"rex"}, "lab"}
	fmt.Println(d.Describe())
	d.SetName("max")
	fmt.Println(d.Name, d.Animal.Name, d.Breed)
	var s Speaker = d
	fmt.Println(s.Speak())
	var ds Describer = &d
	fmt.Println(ds.Describe())
	fmt.Printf("%+v\n", d)
}
