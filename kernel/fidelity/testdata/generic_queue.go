// Feature: generic types wrapping channels and mutexes, used from goroutines
package main

import (
	"fmt"
	"sort"
	"sync"
)

type Queue[T any] struct {
	ch chan T
}

func NewQueue[T any](n int) *Queue[T] { return &Queue[T]{ch: make(chan T, n)} }

func (q *Queue[T]) Put(v T) { q.ch <- v }

func (q *Queue[T]) Close() { close(q.ch) }

func (q *Queue[T]) Drain() []T {
	var out []T
	for v := range q.ch {
		out = append(out, v)
	}
	return out
}

type SafeMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func (s *SafeMap[K, V]) Set(k K, v V) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[K]V{}
	}
	s.m[k] = v
}

func (s *SafeMap[K, V]) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

func main() {
	q := NewQueue[string](10)
	var sm SafeMap[int, string]
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := fmt.Sprint("item", i)
			q.Put(s)
			sm.Set(i, s)
		}()
	}
	wg.Wait()
	q.Close()
	items := q.Drain()
	sort.Strings(items)
	fmt.Println(items, sm.Len())
}
