// Feature: printing slices and maps of errors (compiled error values)
package main

import (
	"errors"
	"fmt"
	"strconv"
)

func main() {
	var errs []error
	for _, s := range []string{"1", "x", "3", "y"} {
		if _, err := strconv.Atoi(s); err != nil {
			errs = append(errs, err)
		}
	}
	fmt.Println(len(errs), errs)
	byKey := map[string]error{"a": errors.New("boom"), "b": nil}
	fmt.Println(byKey)
	fmt.Printf("%v\n", []error{nil, fmt.Errorf("wrapped: %w", errors.New("inner"))})
}
