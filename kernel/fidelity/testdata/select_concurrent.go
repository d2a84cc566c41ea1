// Feature: one select statement run by several goroutines at once (fan-in through forwarders with nested selects)
package main

import (
	"context"
	"fmt"
	"sync"
)

func forward(ctx context.Context, in <-chan int, out chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

func merge(ctx context.Context, ins ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go forward(ctx, in, out, &wg)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func produce(base, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- base + i
		}
	}()
	return ch
}

func main() {
	ctx := context.Background()
	bad := 0
	for trial := 0; trial < 200; trial++ {
		seen := map[int]int{}
		sum, count := 0, 0
		for v := range merge(ctx, produce(0, 20), produce(100, 20), produce(200, 20)) {
			seen[v]++
			sum += v
			count++
		}
		if count != 60 || sum != 6570 || len(seen) != 60 {
			bad++
		}
	}
	fmt.Println("bad trials:", bad)
	sum, count := 0, 0
	for v := range merge(ctx, produce(0, 20), produce(100, 20), produce(200, 20)) {
		sum += v
		count++
	}
	fmt.Println("count", count, "sum", sum)
	var x any
	results := make(chan any, 1)
	results <- nil
	select {
	case x = <-results:
		fmt.Println("nil any:", x == nil)
	}
	errs := make(chan error, 2)
	close(errs)
	select {
	case err, ok := <-errs:
		fmt.Println("closed error channel:", err == nil, ok)
	}
	floats := make(chan float64, 1)
	select {
	case floats <- 1:
		fmt.Println("sent", <-floats)
	default:
		fmt.Println("full")
	}
}
