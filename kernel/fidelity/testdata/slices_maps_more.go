// Feature: the rest of slices and maps (AppendSeq, BinarySearchFunc, Clip, CompactFunc, Compare(Func), Concat, ContainsFunc, DeleteFunc, EqualFunc, Grow, IsSortedFunc, Max/MinFunc, Repeat, Replace, Sorted(Stable)Func, maps.Copy, Equal, EqualFunc, Insert)
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

type job struct {
	name string
	prio int
}

func byPrio(a, b job) int { return cmp.Compare(a.prio, b.prio) }

func main() {
	xs := slices.AppendSeq([]int{1}, slices.Values([]int{2, 3}))
	fmt.Println(xs, slices.Concat(xs, []int{4}, nil, []int{5, 6}))
	fmt.Println(slices.Repeat([]string{"ab"}, 3), slices.Replace([]int{1, 2, 3, 4}, 1, 3, 9))

	jobs := []job{{"a", 1}, {"b", 3}, {"c", 5}}
	i, found := slices.BinarySearchFunc(jobs, 3, func(j job, p int) int { return cmp.Compare(j.prio, p) })
	fmt.Println(i, found, slices.IsSortedFunc(jobs, byPrio))
	fmt.Println(slices.MaxFunc(jobs, byPrio).name, slices.MinFunc(jobs, byPrio).name)
	fmt.Println(slices.ContainsFunc(jobs, func(j job) bool { return j.prio > 4 }))

	words := []string{"Go", "go", "GO", "rust", "Rust"}
	fmt.Println(slices.CompactFunc(slices.Clone(words), strings.EqualFold))
	fmt.Println(slices.DeleteFunc(slices.Clone(words), func(s string) bool { return strings.ToLower(s) == "go" }))
	fmt.Println(slices.Compare([]int{1, 2}, []int{1, 3}), slices.CompareFunc(words[:2], words[1:3], strings.Compare))
	fmt.Println(slices.EqualFunc([]int{1, 2}, []string{"1", "2"}, func(a int, b string) bool { return fmt.Sprint(a) == b }))

	g := slices.Grow([]int{1}, 10)
	fmt.Println(len(g), cap(g) >= 11, len(slices.Clip(g)), cap(slices.Clip(g)))

	byLen := func(a, b string) int { return cmp.Compare(len(a), len(b)) }
	fmt.Println(slices.SortedFunc(slices.Values(words), strings.Compare))
	fmt.Println(slices.SortedStableFunc(slices.Values(words), byLen))

	m := map[string]int{"a": 1}
	maps.Copy(m, map[string]int{"b": 2, "a": 10})
	maps.Insert(m, maps.All(map[string]int{"c": 3}))
	fmt.Println(m, maps.Equal(m, map[string]int{"a": 10, "b": 2, "c": 3}))
	fmt.Println(maps.EqualFunc(m, map[string]string{"a": "10", "b": "2", "c": "3"}, func(v int, s string) bool { return fmt.Sprint(v) == s }))
}
