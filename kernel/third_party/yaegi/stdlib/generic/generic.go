// Package generic held upstream's interpreted copies of the generic
// standard packages (cmp, maps, slices of Go 1.22), which interp.Use
// compiled whenever the standard library's tables were loaded.
//
// goconc: Sources is empty. goconc's front end substitutes its own
// interpreted implementations (Go 1.26's API) for every generic name of
// those packages, so the copies were compiled at every session start
// (about 10 ms, half of it) and never used.
package generic

// Sources contains the list of generic packages source strings.
var Sources = [...]string{}
