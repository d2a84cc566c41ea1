// Command symgen writes yaegi symbol tables into the current directory, as
// "yaegi extract" does. It is run by the go:generate lines of the symbols
// packages:
//
//	symgen -name symbols github.com/goconc/goconc/helpers/sched ...
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/goconc/goconc/internal/symgen"
)

func main() {
	name := flag.String("name", "", "the package name of the generated files")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: symgen -name pkg importpath...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *name == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	names, err := symgen.Write(".", *name, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "symgen:", err)
		os.Exit(1)
	}
	for _, n := range names {
		fmt.Println(n)
	}
}
