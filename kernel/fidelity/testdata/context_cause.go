// Feature: context.WithCancelCause and context.Cause
package main

import (
	"context"
	"errors"
	"fmt"
)

var errQuota = errors.New("quota exceeded")

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan struct{})
	go func() {
		<-ctx.Done()
		fmt.Println("worker sees:", ctx.Err(), "/", context.Cause(ctx))
		close(done)
	}()
	cancel(errQuota)
	<-done
	fmt.Println(errors.Is(context.Cause(ctx), errQuota))
}
