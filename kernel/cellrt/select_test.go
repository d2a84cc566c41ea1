package cellrt

import (
	"sync"
	"testing"
	"time"
)

func TestSelect(t *testing.T) {
	a, b := make(chan int, 1), make(chan string, 1)
	b <- "x"
	i, v, ok := Select(false, []int{SelectRecv, SelectRecv}, []any{a, b}, []any{nil, nil})
	if i != 1 || v != "x" || !ok {
		t.Fatalf("recv: got %d %v %v", i, v, ok)
	}
	if i, _, _ := Select(true, []int{SelectRecv}, []any{a}, []any{nil}); i != -1 {
		t.Fatalf("default: got %d", i)
	}
	if i, _, _ := Select(false, []int{SelectRecv, SelectSend}, []any{nil, a}, []any{nil, 5}); i != 1 || <-a != 5 {
		t.Fatalf("send: got %d", i)
	}
	if i, _, _ := Select(false, []int{SelectSend}, []any{a}, []any{nil}); i != 0 || <-a != 0 {
		t.Fatalf("send nil: got %d", i)
	}
	var nilCh chan int
	if i, _, _ := Select(true, []int{SelectRecv, SelectSend}, []any{nilCh, nilCh}, []any{nil, 1}); i != -1 {
		t.Fatalf("nil channels: got %d", i)
	}
	close(a)
	if i, v, ok := Select(false, []int{SelectRecv}, []any{a}, []any{nil}); i != 0 || v != 0 || ok {
		t.Fatalf("closed: got %d %v %v", i, v, ok)
	}
	e := make(chan error)
	close(e)
	if _, v, ok := Select(false, []int{SelectRecv}, []any{e}, []any{nil}); v != nil || ok {
		t.Fatalf("closed interface channel: got %v %v", v, ok)
	}
}

func TestSelectConcurrent(t *testing.T) {
	// The same cases from many goroutines at once: every value once.
	in, out := make(chan int), make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				_, v, ok := Select(false, []int{SelectRecv}, []any{in}, []any{nil})
				if !ok {
					return
				}
				Select(false, []int{SelectSend}, []any{out}, []any{v})
			}
		}()
	}
	go func() {
		for i := range 1000 {
			in <- i
		}
		close(in)
		wg.Wait()
		close(out)
	}()
	sum, n := 0, 0
	for v := range out {
		sum += v
		n++
	}
	if n != 1000 || sum != 999*1000/2 {
		t.Fatalf("got %d values, sum %d", n, sum)
	}
}

func TestSelectInterrupt(t *testing.T) {
	done := make(chan any)
	go func() {
		defer func() { done <- recover() }()
		Select(false, []int{SelectRecv}, []any{make(chan int)}, []any{nil})
	}()
	time.Sleep(10 * time.Millisecond)
	Interrupt()
	select {
	case p := <-done:
		if p != ErrInterrupted {
			t.Fatalf("panic %v, want ErrInterrupted", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Select not interrupted")
	}
	// A new Select waits again.
	if i, _, _ := Select(true, []int{SelectRecv}, []any{make(chan int)}, []any{nil}); i != -1 {
		t.Fatal("default after interrupt")
	}
}
