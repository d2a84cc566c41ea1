// Feature: an unrecovered panic in a method value run by sync.WaitGroup.Go ends the run (the kernel reports it as the cell's error)
package main

import (
	"errors"
	"fmt"
	"sync"
)

type worker struct{ name string }

func (w *worker) Run() {
	if w.name == "w2" {
		panic(errors.New("bad worker " + w.name))
	}
	fmt.Println("ran", w.name)
}

func main() {
	var wg sync.WaitGroup
	wg.Go((&worker{"w1"}).Run)
	wg.Wait()
	w := &worker{"w2"}
	wg.Go(w.Run)
	w = &worker{"w3"}
	wg.Wait()
}
