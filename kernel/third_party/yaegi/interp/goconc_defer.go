package interp

// goconc patch (see PATCHES.md): a panic raised by a deferred call no
// longer skips the calls deferred before it; it replaces the function's
// current panic, so that an earlier-deferred function can recover it, as
// in Go.

import "reflect"

// callDeferred runs one deferred call of frame f. A panic it raises
// becomes the panic that the remaining deferred calls see (recover reads
// f.recovered) and that the function ends with.
func callDeferred(f *frame, val []reflect.Value) {
	defer func() {
		if p := recover(); p != nil {
			f.recovered = p
		}
	}()
	val[0].Call(val[1:])
}
