// Feature: errors.As with an interface-typed target
package main

import (
	"errors"
	"fmt"
)

type temporary interface {
	error
	Temporary() bool
}

type netErr struct{ msg string }

func (e *netErr) Error() string   { return e.msg }
func (e *netErr) Temporary() bool { return true }

type codeErr struct{ code int }

func (e *codeErr) Error() string { return fmt.Sprint("code ", e.code) }
func (e *codeErr) Code() int     { return e.code }

func main() {
	err := fmt.Errorf("fetch: %w", &netErr{"timeout"})
	var t temporary
	if errors.As(err, &t) {
		fmt.Println("temporary:", t.Temporary(), t)
	}
	var c interface{ Code() int }
	fmt.Println(errors.As(err, &c))
	err2 := fmt.Errorf("wrap: %w", &codeErr{7})
	if errors.As(err2, &c) {
		fmt.Println("code:", c.Code())
	}
	fmt.Println(errors.As(err2, &t))
}
