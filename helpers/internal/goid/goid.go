// Package goid returns the id of the calling goroutine.
//
// Go deliberately hides goroutine ids; the instrumented primitives need one
// on every Lock to record who owns what. The portable way, parsing the first
// line of runtime.Stack ("goroutine 42 [running]:"), costs about 2µs, which
// is more than a whole uncontended Lock/Unlock. So on amd64 and arm64 Get
// reads the id from the runtime's goroutine descriptor instead: a few lines
// of assembly return the descriptor's address, and the offset of its id
// field is found at start-up by comparing, for several goroutines, the
// descriptor's words with the id that runtime.Stack prints. Nothing about
// the runtime's layout is hard-coded; if the search does not find exactly
// one offset that works for every probe, or on other architectures, Get
// falls back to parsing runtime.Stack. Fast reports which one is in use.
package goid

import (
	"runtime"
	"strconv"
	"unsafe"
)

// offset is the byte offset of the id in the goroutine descriptor, or -1
// when the slow path is in use. It is written once, by init.
var offset = -1

// maxScan bounds the search for the id field: the descriptor is larger, and
// the id sits well inside the first 256 bytes in every Go release so far.
const maxScan = 256

func init() {
	if !haveG {
		return
	}
	offset = findOffset()
}

// Get returns the id of the calling goroutine, as printed in stack traces.
func Get() int64 {
	if offset >= 0 {
		return *(*int64)(unsafe.Add(getg(), offset))
	}
	return Slow()
}

// Fast reports whether Get reads the id directly (a few nanoseconds) rather
// than parsing runtime.Stack (microseconds).
func Fast() bool { return offset >= 0 }

// Slow returns the calling goroutine's id by parsing runtime.Stack. It is
// exported for tests and for callers that want to cross-check Get.
func Slow() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	b := buf[:n]
	const prefix = "goroutine "
	if len(b) <= len(prefix) || string(b[:len(prefix)]) != prefix {
		return 0
	}
	b = b[len(prefix):]
	i := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	id, err := strconv.ParseInt(string(b[:i]), 10, 64)
	if err != nil {
		return 0
	}
	return id
}

// findOffset returns the only offset at which every probe goroutine's
// descriptor holds that goroutine's id, or -1.
func findOffset() int {
	const probes = 4
	counts := make([]int, maxScan/8)
	results := make(chan []int)
	for range probes {
		go func() { results <- candidates() }()
	}
	for range probes {
		for _, off := range <-results {
			counts[off/8]++
		}
	}
	for _, off := range candidates() { // the init goroutine too
		counts[off/8]++
	}
	found := -1
	for i, c := range counts {
		if c == probes+1 {
			if found >= 0 {
				return -1 // ambiguous
			}
			found = i * 8
		}
	}
	return found
}

// candidates lists the offsets in the calling goroutine's descriptor that
// hold its id.
func candidates() []int {
	id := Slow()
	if id <= 0 {
		return nil
	}
	g := getg()
	var offs []int
	for off := 0; off < maxScan; off += 8 {
		if *(*int64)(unsafe.Add(g, off)) == id {
			offs = append(offs, off)
		}
	}
	return offs
}
