// Feature: custom error types with pointer receivers: Is methods, errors.Join, errors.As, errors.Unwrap
package main

import (
	"errors"
	"fmt"
)

type StatusErr struct{ Code int }

func (e *StatusErr) Error() string { return fmt.Sprintf("status %d", e.Code) }

func (e *StatusErr) Is(target error) bool {
	t, ok := target.(*StatusErr)
	return ok && (t.Code == 0 || t.Code == e.Code)
}

type Temporary interface{ Temporary() bool }

type netErr struct{ msg string }

func (e *netErr) Error() string   { return e.msg }
func (e *netErr) Temporary() bool { return true }

func main() {
	err := fmt.Errorf("request: %w", &StatusErr{404})
	fmt.Println(errors.Is(err, &StatusErr{404}), errors.Is(err, &StatusErr{}), errors.Is(err, &StatusErr{500}))
	j := errors.Join(&StatusErr{500}, &netErr{"timeout"})
	fmt.Println(j)
	fmt.Println(errors.Is(j, &StatusErr{500}))
	var ne *netErr
	fmt.Println(errors.As(j, &ne), ne.msg)
	var se *StatusErr
	if errors.As(err, &se) {
		fmt.Println("code", se.Code)
	}
	fmt.Println(errors.Unwrap(err).Error() == "status 404")
}
