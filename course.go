package main

import (
	"github.com/traefik/yaegi/interp"

	"github.com/goconc/goconc/charts"
	helpersymbols "github.com/goconc/goconc/helpers/symbols"
)

// courseSymbols are the symbol tables of the course's compiled packages
// (helpers) that cells import besides the kernel's own (display, charts).
func courseSymbols() []interp.Exports { return []interp.Exports{helpersymbols.Symbols} }

// chartFiles are the files the charts need in the browser, installed in
// the kernelspec directory, which Jupyter serves at
// {base_url}/kernelspecs/{name}/{file}.
func chartFiles() map[string][]byte {
	return map[string][]byte{charts.AssetName: charts.Asset()}
}

// setKernelName tells the charts under which kernelspec name the server
// serves their script.
func setKernelName(name string) {
	if name != "" {
		charts.KernelName = name
	}
}

// pageHead is the <head> content of exported HTML pages: the charts'
// script, once per page.
func pageHead() string { return charts.PageHead() }
