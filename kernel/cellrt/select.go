package cellrt

import (
	"errors"
	"reflect"
	"sync"
)

// The front end rewrites every select statement of a cell into a call of
// Select followed by a switch on the chosen case, because yaegi's select
// shares its cases between the goroutines that run the same select
// statement at once (they exchange channels and values), and does not
// fire on some channel operands (a field of a struct behind a pointer).
// Select builds its cases afresh at each call.
//
// A compiled select is not stopped by an interrupt of the interpreter:
// every Select also waits on the channel returned by Interrupted, which
// Interrupt closes. Select then panics with ErrInterrupted.

// Directions of the cases of Select.
const (
	SelectRecv = 0 // <-chans[i]
	SelectSend = 1 // chans[i] <- sends[i]
)

// ErrInterrupted is the value Select panics with when Interrupt is called
// while it waits.
var ErrInterrupted = errors.New("select interrupted")

var (
	interruptMu sync.Mutex
	interruptCh = make(chan struct{})
)

// Interrupted returns the channel that the next call of Interrupt closes.
func Interrupted() <-chan struct{} {
	interruptMu.Lock()
	defer interruptMu.Unlock()
	return interruptCh
}

// Stopper is implemented by a Tracker that stops the goroutines of one
// cell at a time: a Select without a default case also waits on the
// channel StopChan returns for the calling goroutine, and panics with
// ErrInterrupted when it is closed.
type Stopper interface {
	StopChan() <-chan struct{}
}

// stopChan is the channel that interrupts the calling goroutine's Select:
// its cell's, or the process-wide one of Interrupt.
func stopChan() <-chan struct{} {
	if s, ok := currentTracker().(Stopper); ok {
		if ch := s.StopChan(); ch != nil {
			return ch
		}
	}
	return Interrupted()
}

// Interrupt wakes every Select waiting at the time of the call (they panic
// with ErrInterrupted); later calls of Select wait again.
func Interrupt() {
	interruptMu.Lock()
	defer interruptMu.Unlock()
	close(interruptCh)
	interruptCh = make(chan struct{})
}

// Select runs a select statement whose case i has direction dirs[i]
// (SelectRecv or SelectSend), channel chans[i] (a channel value of any
// channel type, or nil: a nil channel never proceeds) and, for a send, the
// value sends[i] (nil for the zero value of the element type). With
// hasDefault, the statement has a default case. The operands are evaluated
// by the caller, in source order, as Go evaluates them on entering the
// select.
//
// chosen is the index of the case that proceeded, or -1 for the default
// case. For a receive, recv is the value received (the element type's
// zero value, nil for an interface type, if the channel is closed) and
// recvOK reports whether it was sent (false: the channel is closed).
func Select(hasDefault bool, dirs []int, chans []any, sends []any) (chosen int, recv any, recvOK bool) {
	n := len(chans)
	cases := make([]reflect.SelectCase, n, n+2)
	for i, c := range chans {
		var cv reflect.Value
		if c != nil {
			cv = reflect.ValueOf(c)
			if cv.Kind() != reflect.Chan {
				panic("cellrt.Select: not a channel: " + cv.Type().String())
			}
		}
		sc := reflect.SelectCase{Dir: reflect.SelectRecv, Chan: cv}
		if i < len(dirs) && dirs[i] == SelectSend {
			sc.Dir = reflect.SelectSend
			if cv.IsValid() {
				if i < len(sends) && sends[i] != nil {
					sc.Send = reflect.ValueOf(sends[i])
				} else {
					sc.Send = reflect.Zero(cv.Type().Elem())
				}
			}
		}
		cases[i] = sc
	}
	if hasDefault {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectDefault})
	} else {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(stopChan())})
	}
	i, v, ok := reflect.Select(cases)
	switch {
	case i == n && hasDefault:
		return -1, nil, false
	case i == n:
		panic(ErrInterrupted)
	}
	if cases[i].Dir == reflect.SelectRecv && v.IsValid() && !interpNil(v) {
		recv = v.Interface()
	}
	return i, recv, ok
}

// interpNil reports whether v is the nil value of an interface type of the
// interpreter, which yaegi keeps in a struct of its own.
func interpNil(v reflect.Value) bool {
	t := v.Type()
	return t.Kind() == reflect.Struct && t.PkgPath() == "github.com/traefik/yaegi/interp" && v.IsZero()
}
