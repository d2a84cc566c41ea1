// Feature: String and Error methods of values passed through args..., []any and map[string]any
package main

import (
	"errors"
	"fmt"
)

type level int

func (l level) String() string { return [...]string{"low", "mid", "high"}[l] }

type point struct{ x, y int }

func (p point) String() string { return fmt.Sprintf("(%d,%d)", p.x, p.y) }

type failure struct{ op string }

func (f *failure) Error() string { return f.op + " failed" }

func logf(format string, args ...any) {
	fmt.Printf("log: "+format+"\n", args...)
}

func logln(args ...any) { fmt.Println(args...) }

func main() {
	logf("%v at %v: %v", level(2), point{1, 2}, &failure{"read"})
	logln(level(1), point{3, 4}, &failure{"write"}, errors.New("plain"))
	items := []any{level(0), point{5, 6}, &failure{"dial"}}
	fmt.Println(items...)
	fmt.Println(items)
	m := map[string]any{"lvl": level(2), "pos": point{7, 8}}
	fmt.Println(m)
	fmt.Printf("%v %s\n", m, items)
}
