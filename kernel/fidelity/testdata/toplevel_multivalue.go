// Feature: multi-value := and comma-ok forms (map index, receive, type assertion) inside blocks, if/switch inits and select cases
package main

import (
	"fmt"
	"strconv"
)

func parse(s string) (int, error) { return strconv.Atoi(s) }

func halves(n int) (int, int) { return n / 2, n - n/2 }

func main() {
	ages := map[string]int{"ann": 31, "bob": 27}
	var funcs []func()
	for i, s := range []string{"1", "x", "3"} {
		n, err := parse(s)
		if err != nil {
			fmt.Println(i, "error:", err)
			continue
		}
		var low, high = halves(n)
		funcs = append(funcs, func() { fmt.Println(i, "parsed", n, low, high) })
	}
	for _, f := range funcs {
		f()
	}
	if age, ok := ages["ann"]; ok {
		fmt.Println("ann is", age)
	} else if other, ok := ages["bob"]; ok {
		fmt.Println("bob is", other)
	}
	switch age, ok := ages["cat"]; {
	case ok:
		fmt.Println("cat is", age)
	default:
		fmt.Println("no cat")
	}
	ch := make(chan string, 1)
	ch <- "hello"
	close(ch)
	for range 2 {
		select {
		case msg, ok := <-ch:
			fmt.Println("received", strconv.Quote(msg), ok)
		}
	}
	var v any = 42
	if true {
		n, isInt := v.(int)
		s, isString := v.(string)
		fmt.Println(n, isInt, strconv.Quote(s), isString)
		age, found := ages["bob"]
		fmt.Println(age, found)
	}
}
