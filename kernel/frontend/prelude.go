package frontend

import _ "embed"

// prelude is Go source evaluated once per session: the interpreted helpers
// that rewritten cells call (min, max, clear, the generic standard library
// functions and types yaegi lacks, deferred calls of range-over-func
// bodies). Every name starts with _goconc, and its imports are renamed
// likewise, so that it cannot clash with the user's names.
//
//go:embed prelude.go.txt
var prelude string

// preludeSlices continues prelude (no package clause of its own).
//
//go:embed prelude_slices.go.txt
var preludeSlices string

// Prelude returns the Go source the engine evaluates once per session,
// before the first cell, with interp.Eval. It is a file of package main
// whose imports are named _goconc*.
func Prelude() string { return prelude + preludeSlices }
