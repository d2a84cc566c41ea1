// Feature: min and max on named types (time.Duration, defined float and string types)
package main

import (
	"fmt"
	"time"
)

type Celsius float64

type Name string

func longest(a, b time.Duration) time.Duration { return max(a, b) }

func coldest(temps ...Celsius) Celsius {
	m := temps[0]
	for _, t := range temps[1:] {
		m = min(m, t)
	}
	return m
}

func first(a, b Name) Name { return min(a, b, "zed") }

func main() {
	fmt.Println(longest(time.Second, 1500*time.Millisecond))
	fmt.Println(coldest(21.5, -3, 12))
	fmt.Println(first("mia", "bob"))
	timeout := 2 * time.Second
	wait := min(timeout, 300*time.Millisecond)
	fmt.Println(wait, max(wait, time.Second)/2)
	const limit = max(time.Second, time.Minute)
	fmt.Println(limit)
}
