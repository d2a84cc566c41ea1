// Feature: sync.RWMutex readers and writers
package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.RWMutex
	data map[string]int
}

func (s *Store) Get(k string) (int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.data[k]
	return v, ok
}

func (s *Store) Set(k string, v int) {
	s.mu.Lock()
	s.data[k] = v
	s.mu.Unlock()
}

func main() {
	s := &Store{data: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Set(fmt.Sprint("k", i), i*i)
		}()
	}
	wg.Wait()
	reads := make(chan int, 5)
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _ := s.Get(fmt.Sprint("k", i))
			reads <- v
		}()
	}
	wg.Wait()
	close(reads)
	sum := 0
	for v := range reads {
		sum += v
	}
	fmt.Println(len(s.data), sum)
}
