// Feature: generic functions with constraint type inference (K comparable, V any)
package main

import (
	"fmt"
	"sort"
)

func Keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func Pairs[K comparable, V any](m map[K]V, less func(a, b K) bool) []Pair[K, V] {
	keys := Keys(m)
	sort.Slice(keys, func(i, j int) bool { return less(keys[i], keys[j]) })
	var out []Pair[K, V]
	for _, k := range keys {
		out = append(out, Pair[K, V]{k, m[k]})
	}
	return out
}

func main() {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	fmt.Println(len(Keys(m)))
	fmt.Println(Pairs(m, func(a, b string) bool { return a < b }))
}
