// Feature: sync.Once
package main

import (
	"fmt"
	"sync"
)

var (
	once   sync.Once
	config map[string]string
	inits  int
)

func load() {
	inits++
	config = map[string]string{"mode": "fast"}
}

func get(k string) string {
	once.Do(load)
	return config[k]
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); _ = get("mode") }()
	}
	wg.Wait()
	fmt.Println(get("mode"), inits)
}
