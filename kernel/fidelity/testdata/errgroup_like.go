// Feature: first-error collection with WaitGroup and a buffered error channel (errgroup pattern)
package main

import (
	"errors"
	"fmt"
	"sync"
)

type Group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

func main() {
	var g Group
	for i := 1; i <= 3; i++ {
		g.Go(func() error {
			if i == 2 {
				return errors.New("task 2 failed")
			}
			return nil
		})
	}
	fmt.Println(g.Wait())
	var ok Group
	ok.Go(func() error { return nil })
	fmt.Println(ok.Wait())
}
