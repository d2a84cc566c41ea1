//go:build go1.21

// Package stdlib provides wrappers of standard library packages to be imported natively in Yaegi.
package stdlib

import "reflect"

// Symbols variable stores the map of stdlib symbols per package.
var Symbols = map[string]map[string]reflect.Value{}

// MapTypes variable contains a map of functions which have an interface{} as parameter but
// do something special if the parameter implements a given interface.
var MapTypes = map[reflect.Value][]reflect.Type{}

func init() {
	Symbols["github.com/traefik/yaegi/stdlib/stdlib"] = map[string]reflect.Value{
		"Symbols": reflect.ValueOf(Symbols),
	}
	Symbols["."] = map[string]reflect.Value{
		"MapTypes": reflect.ValueOf(MapTypes),
	}
}

// The tables (go1_NN_*.go) cover every standard package that goconc's
// cells may import, for the Go release goconc builds with. goconc writes
// them with its own generator (the extract package of this tree), from the
// root of the goconc module:
//
//	go run ./internal/cmd/symgen -std kernel/third_party/yaegi/stdlib
//
// internal/symgen lists the packages left out and why; its test fails
// when the tables are stale.
