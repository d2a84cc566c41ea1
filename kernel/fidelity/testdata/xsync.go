// Feature: golang.org/x/sync: errgroup (first error cancels the context, SetLimit), semaphore.Weighted, singleflight.Group
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"
)

var errBad = errors.New("bad input")

func fetchAll(ctx context.Context, inputs []int) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	results := make([]int, len(inputs))
	for i, in := range inputs {
		g.Go(func() error {
			if in < 0 {
				return fmt.Errorf("input %d: %w", i, errBad)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			default:
			}
			results[i] = in * in
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return results, nil
}

func limited() int64 {
	var g errgroup.Group
	g.SetLimit(2)
	var running, peak atomic.Int64
	var mu sync.Mutex
	for range 6 {
		g.Go(func() error {
			n := running.Add(1)
			mu.Lock()
			if n > peak.Load() {
				peak.Store(n)
			}
			mu.Unlock()
			running.Add(-1)
			return nil
		})
	}
	g.Wait()
	return peak.Load()
}

func weighted() []string {
	sem := semaphore.NewWeighted(3)
	ctx := context.Background()
	var mu sync.Mutex
	var log []string
	var wg sync.WaitGroup
	for i, w := range []int64{1, 2, 3} {
		if err := sem.Acquire(ctx, w); err != nil {
			panic(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer sem.Release(w)
			mu.Lock()
			log = append(log, fmt.Sprintf("job %d weight %d", i, w))
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Strings(log)
	fmt.Println("TryAcquire(3) on an idle semaphore:", sem.TryAcquire(3))
	fmt.Println("TryAcquire(1) when full:", sem.TryAcquire(1))
	sem.Release(3)
	return log
}

func shared() {
	var g singleflight.Group
	var calls atomic.Int32
	v, err, sharedResult := g.Do("key", func() (any, error) {
		calls.Add(1)
		return "value", nil
	})
	fmt.Println(v, err, sharedResult, calls.Load())
	ch := g.DoChan("other", func() (any, error) {
		calls.Add(1)
		return 42, nil
	})
	r := <-ch
	fmt.Println(r.Val, r.Err, calls.Load())
	g.Forget("key")
}

func main() {
	res, err := fetchAll(context.Background(), []int{1, 2, 3})
	fmt.Println(res, err)
	res, err = fetchAll(context.Background(), []int{1, -2, 3})
	fmt.Println(res, err, errors.Is(err, errBad))
	fmt.Println("peak with SetLimit(2) <= 2:", limited() <= 2)
	for _, l := range weighted() {
		fmt.Println(l)
	}
	shared()
}
