package engine

import (
	"runtime"
	"strconv"
)

// goid returns the id of the calling goroutine, read from the first line of
// its stack trace ("goroutine 42 [running]:"). It costs about a microsecond,
// which is fine for routing output writes.
func goid() uint64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	b := buf[:n]
	const prefix = "goroutine "
	if len(b) <= len(prefix) {
		return 0
	}
	b = b[len(prefix):]
	i := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	id, err := strconv.ParseUint(string(b[:i]), 10, 64)
	if err != nil {
		return 0
	}
	return id
}
