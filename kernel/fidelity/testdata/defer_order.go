// Feature: defer order, deferred changes to named results
package main

import (
	"errors"
	"fmt"
)

func order() {
	for i := range 3 {
		defer fmt.Print(i, " ")
	}
	defer fmt.Print("| ")
}

func double() (n int) {
	defer func() { n *= 2 }()
	return 21
}

func wrap() (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("wrapped: %w", err)
		}
	}()
	return errors.New("inner")
}

func main() {
	order()
	fmt.Println()
	fmt.Println(double())
	fmt.Println(wrap())
}
