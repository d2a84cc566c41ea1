package interp

// goconc patch (see PATCHES.md): Go's runtime ends a program that writes a
// map from two goroutines at once ("fatal error: concurrent map writes"),
// or reads or iterates it during a write, and no recover can stop it. The
// interpreter's map operations go through the functions below: writes to
// one map are serialised and reads wait for writes, so the runtime never
// sees the overlap, and an overlap the program made is reported as the
// same fatal error, as a *FatalError panic that the embedder turns into
// the cell's error. Locks are striped by map, so that operations on
// different maps rarely wait for each other.

import (
	"reflect"
	"sync"
	"sync/atomic"
)

const mapStripes = 64

type mapStripe struct {
	mu    sync.RWMutex
	owner atomic.Uintptr // the map being written, 0 when none
	_     [64 - 32]byte  // keep stripes on their own cache lines
}

var mapLocks [mapStripes]mapStripe

func stripeOf(p uintptr) *mapStripe { return &mapLocks[(p>>4^p>>12)%mapStripes] }

// lockWrite takes the write lock of map m's stripe, or panics with Go's
// fatal error when another goroutine is writing m.
func lockWrite(n *node, p uintptr) *mapStripe {
	s := stripeOf(p)
	if !s.mu.TryLock() {
		switch s.owner.Load() {
		case p:
			panic(&FatalError{Msg: "concurrent map writes", Pos: n.pos})
		}
		s.mu.Lock()
	}
	s.owner.Store(p)
	return s
}

func (s *mapStripe) unlockWrite() {
	s.owner.Store(0)
	s.mu.Unlock()
}

// lockRead takes the read lock of map m's stripe, or panics with Go's
// fatal error when another goroutine is writing m.
func lockRead(n *node, p uintptr, msg string) *mapStripe {
	s := stripeOf(p)
	if !s.mu.TryRLock() {
		if s.owner.Load() == p {
			panic(&FatalError{Msg: msg, Pos: n.pos})
		}
		s.mu.RLock()
	}
	return s
}

// mapSetIndex is m.SetMapIndex(k, v) (a deletion when v is the zero Value).
func mapSetIndex(n *node, m, k, v reflect.Value) {
	p := m.Pointer()
	if p == 0 {
		m.SetMapIndex(k, v) // a nil map: reflect panics as Go does
		return
	}
	s := lockWrite(n, p)
	defer s.unlockWrite()
	m.SetMapIndex(k, v)
}

// mapIndex is m.MapIndex(k).
func mapIndex(n *node, m, k reflect.Value) reflect.Value {
	p := m.Pointer()
	if p == 0 {
		return m.MapIndex(k)
	}
	s := lockRead(n, p, "concurrent map read and map write")
	defer s.mu.RUnlock()
	return m.MapIndex(k)
}

// mapIterNext advances iter over map m and stores its key and value in key
// and val (when valid).
func mapIterNext(n *node, m reflect.Value, iter *reflect.MapIter, key, val reflect.Value) bool {
	p := uintptr(0)
	if m.IsValid() && m.Kind() == reflect.Map {
		p = m.Pointer()
	}
	if p != 0 {
		s := lockRead(n, p, "concurrent map iteration and map write")
		defer s.mu.RUnlock()
	}
	if !iter.Next() {
		return false
	}
	key.Set(iter.Key())
	if val.IsValid() {
		val.Set(iter.Value())
	}
	return true
}
