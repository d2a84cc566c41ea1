// Command symgen writes yaegi symbol tables, as "yaegi extract" does. It
// is run by the go:generate lines of the symbols packages, and writes
// into the current directory:
//
//	symgen -name symbols github.com/goconc/goconc/helpers/sched ...
//
// With -std it writes the tables of the standard library that cells may
// import (see symgen.StdPackages) into the given directory instead,
// removing the tables there that are no longer generated. From the module
// root:
//
//	go run ./internal/cmd/symgen -std kernel/third_party/yaegi/stdlib
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/goconc/goconc/internal/symgen"
)

func main() {
	name := flag.String("name", "", "the package name of the generated files")
	std := flag.String("std", "", "write the standard library's tables into this `directory`")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: symgen -name pkg importpath...")
		fmt.Fprintln(os.Stderr, "       symgen -std dir")
		flag.PrintDefaults()
	}
	flag.Parse()
	var names []string
	var err error
	switch {
	case *std != "" && *name == "" && flag.NArg() == 0:
		names, err = symgen.WriteStd(*std)
	case *std == "" && *name != "" && flag.NArg() > 0:
		names, err = symgen.Write(".", *name, flag.Args())
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "symgen:", err)
		os.Exit(1)
	}
	for _, n := range names {
		fmt.Println(n)
	}
}
