// Feature: comparing context.Cause(ctx) with the error given to the cancel function
package main

import (
	"context"
	"errors"
	"fmt"
)

var errShutdown = errors.New("shutting down")

type quitErr struct{ reason string }

func (q *quitErr) Error() string { return "quit: " + q.reason }

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errShutdown)
	fmt.Println(context.Cause(ctx) == errShutdown)
	fmt.Println(ctx.Err() == context.Canceled)
	q := &quitErr{"user"}
	ctx2, cancel2 := context.WithCancelCause(context.Background())
	cancel2(q)
	err := context.Cause(ctx2)
	fmt.Println(err == error(q), err)
	fmt.Println(errors.Is(context.Cause(ctx2), q))
}
