// Feature: producer/consumer with context cancellation and errgroup-style shutdown
package main

import (
	"context"
	"fmt"
	"sync"
)

func producer(ctx context.Context, out chan<- int) error {
	defer close(out)
	for i := 1; ; i++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case out <- i:
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan int)
	var wg sync.WaitGroup
	var perr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		perr = producer(ctx, ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
		if v == 10 {
			cancel()
			break
		}
	}
	for range ch {
	}
	wg.Wait()
	fmt.Println(sum, perr)
}
