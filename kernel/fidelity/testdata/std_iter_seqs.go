// Feature: Go 1.23-1.24 iterator APIs of compiled packages: strings.Lines, SplitSeq, FieldsSeq, bytes.Lines, maps.Keys with slices.Sorted, slices.Chunk, iter.Pull over strings.SplitSeq
package main

import (
	"bytes"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func count(seq iter.Seq[string]) int {
	n := 0
	for range seq {
		n++
	}
	return n
}

func main() {
	text := "alpha beta\ngamma\n\ndelta"
	for i, line := range slices.Collect(strings.Lines(text)) {
		fmt.Printf("%d %q\n", i, line)
	}
	for part := range strings.SplitSeq("a,b,,c", ",") {
		fmt.Printf("[%s]", part)
	}
	fmt.Println()
	fmt.Println(slices.Collect(strings.FieldsSeq("  x  y\tz ")))
	fmt.Println(count(strings.Lines(text)), count(strings.SplitSeq("1-2-3", "-")))
	for l := range bytes.Lines([]byte("one\ntwo")) {
		fmt.Printf("%q ", l)
	}
	fmt.Println()

	ages := map[string]int{"carol": 35, "alice": 30, "bob": 25}
	fmt.Println(slices.Sorted(maps.Keys(ages)))
	fmt.Println(slices.Sorted(maps.Values(ages)))
	for chunk := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {
		fmt.Print(chunk, " ")
	}
	fmt.Println()

	next, stop := iter.Pull(strings.SplitSeq("first second third", " "))
	defer stop()
	for {
		w, ok := next()
		if !ok {
			break
		}
		fmt.Println("pulled", w)
		if w == "second" {
			break
		}
	}
}
