//go:build amd64 || arm64

package goid

import "unsafe"

// haveG tells whether getg is implemented for this architecture.
const haveG = true

// getg returns the address of the calling goroutine's runtime descriptor.
//
//go:noescape
func getg() unsafe.Pointer
