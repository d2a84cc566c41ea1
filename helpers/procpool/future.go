package procpool

import (
	"errors"
	"sync"
	"time"
)

// ErrWaitTimeout is returned by Future.WaitTimeout when the task has not
// finished in time; the task goes on running.
var ErrWaitTimeout = errors.New("procpool: wait timed out, task still running")

// A Future is the result of a submitted task, available once Done is
// closed. Its methods are safe for concurrent use.
type Future struct {
	id   int64
	task string
	args map[string]any
	done chan struct{}
	once sync.Once

	// set before done is closed, read after
	result any
	err    error
	worker int
}

func newFuture(id int64, task string, args map[string]any) *Future {
	return &Future{id: id, task: task, args: args, done: make(chan struct{}), worker: -1}
}

// resolve sets the outcome; only the first call counts.
func (f *Future) resolve(worker int, result any, err error) {
	f.once.Do(func() {
		f.worker, f.result, f.err = worker, result, err
		close(f.done)
	})
}

// ID returns the task's request id, unique within its pool.
func (f *Future) ID() int64 { return f.id }

// Task returns the task's name.
func (f *Future) Task() string { return f.task }

// Done returns a channel closed when the task has finished, failed or
// been cancelled by Kill.
func (f *Future) Done() <-chan struct{} { return f.done }

// Wait waits for the task and returns its result or its error.
func (f *Future) Wait() (any, error) {
	<-f.done
	return f.result, f.err
}

// WaitTimeout waits at most d for the task; if it has not finished it
// returns ErrWaitTimeout.
func (f *Future) WaitTimeout(d time.Duration) (any, error) {
	select {
	case <-f.done:
		return f.result, f.err
	default:
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-f.done:
		return f.result, f.err
	case <-t.C:
		return nil, ErrWaitTimeout
	}
}

// Worker returns the index of the worker that ran the task, or -1 if it
// has not finished or never reached a worker.
func (f *Future) Worker() int {
	select {
	case <-f.done:
		return f.worker
	default:
		return -1
	}
}

// AsCompleted returns a channel that yields each of futures once it is
// done, in the order they finish, and is closed after the last. Futures
// already done come first; nil entries are skipped.
func AsCompleted(futures []*Future) <-chan *Future {
	out := make(chan *Future, len(futures))
	var wg sync.WaitGroup
	for _, f := range futures {
		if f == nil {
			continue
		}
		select {
		case <-f.done:
			out <- f
			continue
		default:
		}
		wg.Go(func() {
			<-f.done
			out <- f
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
