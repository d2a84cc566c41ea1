// Feature: an unrecovered panic in a callback of errgroup.Group.Go ends the run (the kernel reports it as the cell's error)
package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	g.Go(func() error {
		fmt.Println("task 1 done")
		return nil
	})
	fmt.Println(g.Wait())
	g.Go(func() error {
		fmt.Println("task 2 running")
		panic(fmt.Sprint("task ", 2, " failed"))
	})
	g.Wait()
}
