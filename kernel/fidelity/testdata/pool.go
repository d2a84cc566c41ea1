// Feature: sync.Pool with New
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func render(name string) string {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer bufs.Put(b)
	b.WriteString("hello, ")
	b.WriteString(name)
	return b.String()
}

func main() {
	fmt.Println(render("gopher"))
	fmt.Println(render("pool"))
}
