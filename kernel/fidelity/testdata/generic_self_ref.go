// Feature: a self-referential generic type with two type parameters (linked list of key/value nodes)
package main

import "fmt"

type node[K comparable, V any] struct {
	key  K
	val  V
	next *node[K, V]
}

type list[K comparable, V any] struct {
	head *node[K, V]
	size int
}

func (l *list[K, V]) put(k K, v V) {
	l.head = &node[K, V]{key: k, val: v, next: l.head}
	l.size++
}

func (l *list[K, V]) get(k K) (V, bool) {
	for n := l.head; n != nil; n = n.next {
		if n.key == k {
			return n.val, true
		}
	}
	var zero V
	return zero, false
}

func main() {
	var l list[string, int]
	l.put("a", 1)
	l.put("b", 2)
	fmt.Println(l.get("a"))
	fmt.Println(l.get("z"))
	fmt.Println(l.size)
}
