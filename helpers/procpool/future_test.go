package procpool

import (
	"errors"
	"testing"
	"time"
)

// A completed future answers WaitTimeout with its result whatever the
// timeout, even one that has already expired: the done channel is checked
// before any timer, since a select with both ready picks at random.
func TestWaitTimeoutOnCompletedFuture(t *testing.T) {
	f := newFuture(1, "sleep", nil)
	f.resolve(0, 42.0, nil)
	for i := range 10_000 {
		for _, d := range []time.Duration{0, time.Nanosecond, -time.Second} {
			if v, err := f.WaitTimeout(d); err != nil || v != 42.0 {
				t.Fatalf("call %d, WaitTimeout(%v) on a completed future: %v, %v", i, d, v, err)
			}
		}
	}
	failed := newFuture(2, "sleep", nil)
	boom := errors.New("boom")
	failed.resolve(0, nil, boom)
	for range 10_000 {
		if _, err := failed.WaitTimeout(0); !errors.Is(err, boom) {
			t.Fatalf("WaitTimeout(0) on a failed future: %v, want boom", err)
		}
	}
	pending := newFuture(3, "sleep", nil)
	if _, err := pending.WaitTimeout(time.Millisecond); !errors.Is(err, ErrWaitTimeout) {
		t.Fatalf("WaitTimeout on a pending future: %v, want ErrWaitTimeout", err)
	}
}
