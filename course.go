package main

import "github.com/traefik/yaegi/interp"

// courseSymbols are the symbol tables of the course's compiled packages
// (helpers, charts) that cells import.
func courseSymbols() []interp.Exports { return nil }

// chartFiles are the files the charts need in the browser, installed in
// the kernelspec directory named name, which Jupyter serves.
func chartFiles(name string) map[string][]byte { return nil }
