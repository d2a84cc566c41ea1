// Feature: a value-receiver method called through a nil pointer panics with a nil dereference
package main

import (
	"fmt"
	"runtime"
)

type account struct{ balance int }

func (a account) Balance() int { return a.balance }

func (a *account) Name() string {
	if a == nil {
		return "<nil account>"
	}
	return "account"
}

func try(f func()) {
	defer func() {
		r := recover()
		_, isRT := r.(runtime.Error)
		fmt.Println("recovered:", r, isRT)
	}()
	f()
}

func main() {
	var a *account
	fmt.Println(a.Name())
	try(func() { fmt.Println(a.Balance()) })
	b := &account{7}
	fmt.Println(b.Balance())
}
