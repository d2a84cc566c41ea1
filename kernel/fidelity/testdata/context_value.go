// Feature: context.WithValue through call chains
package main

import (
	"context"
	"fmt"
)

type ctxKey string

func handle(ctx context.Context) string {
	user, _ := ctx.Value(ctxKey("user")).(string)
	if user == "" {
		return "anonymous"
	}
	return "user " + user
}

func main() {
	ctx := context.Background()
	fmt.Println(handle(ctx))
	ctx = context.WithValue(ctx, ctxKey("user"), "ada")
	fmt.Println(handle(ctx))
	child, cancel := context.WithCancel(ctx)
	defer cancel()
	fmt.Println(handle(child))
}
