// Feature: errors.Is, errors.As with custom error types, wrapping with %w, errors.Join
package main

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

type QueryError struct {
	Query string
	Err   error
}

func (e *QueryError) Error() string { return e.Query + ": " + e.Err.Error() }

func (e *QueryError) Unwrap() error { return e.Err }

func find(q string) error {
	return &QueryError{Query: q, Err: ErrNotFound}
}

func main() {
	err := fmt.Errorf("lookup failed: %w", find("users"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrNotFound))
	var qe *QueryError
	if errors.As(err, &qe) {
		fmt.Println("query was", qe.Query)
	}
	joined := errors.Join(errors.New("a"), ErrNotFound)
	fmt.Println(errors.Is(joined, ErrNotFound))
	fmt.Println(joined)
	fmt.Println(errors.Unwrap(errors.Unwrap(err)) == ErrNotFound)
}
