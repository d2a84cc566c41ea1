// Feature: a panic raised by a deferred call is recovered by an earlier-deferred function
package main

import "fmt"

func cleanup() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	defer func() {
		panic("cleanup failed")
	}()
	fmt.Println("working")
}

func replaced() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	defer func() {
		panic("second")
	}()
	panic("first")
}

func main() {
	cleanup()
	replaced()
	fmt.Println("done")
}
