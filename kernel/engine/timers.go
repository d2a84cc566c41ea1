package engine

import (
	"context"
	"os"
	"os/signal"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/traefik/yaegi/interp"
)

// timers knows whether a timer that cells made may still fire, so that
// goroutines waiting for it are not taken for a deadlock: a channel of
// time.After or a context's deadline fires until its deadline; a Timer or
// a Ticker may be reset or keeps ticking, so it counts until it is
// garbage collected; after signal.Notify a signal may arrive at any time.
type timers struct {
	mu      sync.Mutex // guards until
	until   time.Time  // the latest deadline of After and context timeouts
	live    atomic.Int64
	signals atomic.Bool
}

// pending reports whether a timer or a signal may still wake a goroutine.
func (t *timers) pending(now time.Time) bool {
	if t.live.Load() > 0 || t.signals.Load() {
		return true
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return now.Before(t.until)
}

// hasLive reports whether Timers or Tickers made by cells may be alive.
func (t *timers) hasLive() bool { return t.live.Load() > 0 }

func (t *timers) deadline(d time.Time) {
	t.mu.Lock()
	if d.After(t.until) {
		t.until = d
	}
	t.mu.Unlock()
}

func (t *timers) track(p any) {
	t.live.Add(1)
	switch v := p.(type) {
	case *time.Timer:
		runtime.AddCleanup(v, func(l *atomic.Int64) { l.Add(-1) }, &t.live)
	case *time.Ticker:
		runtime.AddCleanup(v, func(l *atomic.Int64) { l.Add(-1) }, &t.live)
	}
}

// symbols returns the time, context and os/signal functions cells call,
// wrapped to keep t informed; the wrappers behave as the originals.
func (t *timers) symbols() interp.Exports {
	return interp.Exports{
		"time/time": {
			"After": reflect.ValueOf(func(d time.Duration) <-chan time.Time {
				t.deadline(time.Now().Add(d))
				return time.After(d)
			}),
			"NewTimer": reflect.ValueOf(func(d time.Duration) *time.Timer {
				tm := time.NewTimer(d)
				t.track(tm)
				return tm
			}),
			"AfterFunc": reflect.ValueOf(func(d time.Duration, f func()) *time.Timer {
				tm := time.AfterFunc(d, f)
				t.track(tm)
				return tm
			}),
			"NewTicker": reflect.ValueOf(func(d time.Duration) *time.Ticker {
				tk := time.NewTicker(d)
				t.track(tk)
				return tk
			}),
			"Tick": reflect.ValueOf(func(d time.Duration) <-chan time.Time {
				if d <= 0 {
					return nil
				}
				tk := time.NewTicker(d)
				t.track(tk)
				return tk.C
			}),
		},
		"context/context": {
			"WithTimeout": reflect.ValueOf(func(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
				t.deadline(time.Now().Add(d))
				return context.WithTimeout(parent, d)
			}),
			"WithDeadline": reflect.ValueOf(func(parent context.Context, d time.Time) (context.Context, context.CancelFunc) {
				t.deadline(d)
				return context.WithDeadline(parent, d)
			}),
			"WithTimeoutCause": reflect.ValueOf(func(parent context.Context, d time.Duration, cause error) (context.Context, context.CancelFunc) {
				t.deadline(time.Now().Add(d))
				return context.WithTimeoutCause(parent, d, cause)
			}),
			"WithDeadlineCause": reflect.ValueOf(func(parent context.Context, d time.Time, cause error) (context.Context, context.CancelFunc) {
				t.deadline(d)
				return context.WithDeadlineCause(parent, d, cause)
			}),
		},
		"os/signal/signal": {
			"Notify": reflect.ValueOf(func(c chan<- os.Signal, sig ...os.Signal) {
				t.signals.Store(true)
				signal.Notify(c, sig...)
			}),
		},
	}
}
