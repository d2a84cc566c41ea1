// Feature: slices package (Sort, SortFunc, Contains, Index, Reverse, Max, Min, BinarySearch, Insert, Delete, Compact, Equal)
package main

import (
	"fmt"
	"slices"
	"strings"
)

type Person struct {
	Name string
	Age  int
}

func main() {
	xs := []int{5, 2, 8, 2, 9, 1}
	slices.Sort(xs)
	fmt.Println(xs, slices.IsSorted(xs))
	fmt.Println(slices.Contains(xs, 8), slices.Index(xs, 9), slices.Index(xs, 7))
	i, found := slices.BinarySearch(xs, 5)
	fmt.Println(i, found)
	fmt.Println(slices.Max(xs), slices.Min(xs))
	xs = slices.Compact(xs)
	fmt.Println(xs)
	xs = slices.Insert(xs, 1, 100, 200)
	fmt.Println(xs)
	xs = slices.Delete(xs, 0, 2)
	fmt.Println(xs)
	slices.Reverse(xs)
	fmt.Println(xs)
	people := []Person{{"ann", 30}, {"bob", 25}, {"cy", 30}, {"dee", 22}}
	slices.SortFunc(people, func(a, b Person) int { return a.Age - b.Age })
	fmt.Println(people)
	slices.SortStableFunc(people, func(a, b Person) int { return strings.Compare(b.Name, a.Name) })
	fmt.Println(people)
	fmt.Println(slices.IndexFunc(people, func(p Person) bool { return p.Age > 29 }))
	fmt.Println(slices.Equal([]string{"a"}, []string{"a"}), slices.Equal(xs, nil))
	words := []string{"b", "a", "c"}
	c := slices.Clone(words)
	slices.Sort(c)
	fmt.Println(words, c)
}
