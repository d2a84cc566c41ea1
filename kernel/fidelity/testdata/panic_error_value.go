// Feature: panicking with error values and re-panicking
package main

import (
	"errors"
	"fmt"
)

var ErrFatal = errors.New("fatal")

func mustPositive(n int) int {
	if n < 0 {
		panic(fmt.Errorf("negative %d: %w", n, ErrFatal))
	}
	return n
}

func try(n int) (res string) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			res = fmt.Sprint("error: ", err, " fatal=", errors.Is(err, ErrFatal))
		}
	}()
	return fmt.Sprint("ok ", mustPositive(n))
}

func main() {
	fmt.Println(try(3))
	fmt.Println(try(-1))
	func() {
		defer func() { fmt.Println("outer recovered:", recover()) }()
		func() {
			defer func() {
				r := recover()
				panic(fmt.Sprint("re-panic: ", r))
			}()
			panic("first")
		}()
	}()
}
