package instrument

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestQueueOrders(t *testing.T) {
	tests := []struct {
		order Order
		want  []int
	}{
		{FIFO, []int{1, 2, 3, 4}},
		{LIFO, []int{4, 3, 2, 1}},
		{Priority, []int{2, 4, 1, 3}}, // priorities 1,0,1,0: 0s first, each in arrival order
	}
	for _, tt := range tests {
		t.Run(tt.order.String(), func(t *testing.T) {
			q := NewQueue("orders", tt.order, 0)
			for i := 1; i <= 4; i++ {
				q.PutPriority(i%2, i)
			}
			var got []int
			for q.Len() > 0 {
				v, _ := q.Get()
				got = append(got, v.(int))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQueueBoundedBlocks(t *testing.T) {
	q := NewQueue("bounded", FIFO, 1)
	q.Put("a")
	putDone := make(chan struct{})
	Go("putter", func() {
		q.Put("b")
		close(putDone)
	})
	waitFor(t, "the putter to block", func() bool { return len(q.Stats().Waiters) == 1 })
	if w := q.Stats().Waiters[0]; w.Op != "put" || w.Goroutine.Label != "putter" {
		t.Errorf("waiter = %+v", w)
	}
	if v, _ := q.Get(); v != "a" {
		t.Errorf("got %v, want a", v)
	}
	<-putDone
	if v, _ := q.Get(); v != "b" {
		t.Errorf("got %v, want b", v)
	}
	s := q.Stats()
	if s.Op("put").Contended != 1 || s.MaxLen != 1 || s.Cap != 1 {
		t.Errorf("stats %+v", s)
	}
}

func TestQueueCloseDrains(t *testing.T) {
	var q Queue // zero value: unbounded FIFO
	q.Put(1)
	q.Close()
	if v, ok := q.Get(); !ok || v != 1 {
		t.Errorf("Get after Close = %v, %v; want the queued item", v, ok)
	}
	if _, ok := q.Get(); ok {
		t.Error("Get on closed empty queue returned ok")
	}
	if _, err := q.GetContext(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("GetContext = %v, want ErrClosed", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("Put on closed queue did not panic")
		}
	}()
	q.Put(2)
}

func TestQueueCloseWakesGetters(t *testing.T) {
	q := NewQueue("wake on close", FIFO, 0)
	var g Group
	g.GoN("getter", 3, func(int) {
		if _, ok := q.Get(); ok {
			t.Error("Get returned an item from an empty closed queue")
		}
	})
	waitFor(t, "getters", func() bool { return len(q.Stats().Waiters) == 3 })
	q.Close()
	finishes(t, "getters", g.Wait)
}

func TestQueueTimeouts(t *testing.T) {
	q := NewQueue("timeouts", FIFO, 1)
	if _, ok := q.TryGet(); ok {
		t.Error("TryGet on empty queue")
	}
	if _, ok := q.GetTimeout(time.Millisecond); ok {
		t.Error("GetTimeout on empty queue")
	}
	q.Put(0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := q.PutContext(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("PutContext on full queue = %v", err)
	}
	if s := q.Stats(); s.Op("get").Failed != 2 || s.Op("put").Failed != 1 {
		t.Errorf("failures not counted: %v", s)
	}
}

// Many producers and consumers pass every item exactly once.
func TestQueueProducersConsumers(t *testing.T) {
	q := NewQueue("pc", FIFO, 4)
	const producers, each = 4, 250
	got := make(chan int, producers*each)
	var consumers Group
	consumers.GoN("consumer", 3, func(int) {
		for {
			v, ok := q.Get()
			if !ok {
				return
			}
			got <- v.(int)
		}
	})
	var prod Group
	prod.GoN("producer", producers, func(p int) {
		for i := range each {
			q.Put(p*each + i)
		}
	})
	finishes(t, "producers", prod.Wait)
	q.Close()
	finishes(t, "consumers", consumers.Wait)
	close(got)
	seen := make([]bool, producers*each)
	for v := range got {
		if seen[v] {
			t.Fatalf("item %d received twice", v)
		}
		seen[v] = true
	}
	if i := slices.Index(seen, false); i >= 0 {
		t.Fatalf("item %d lost", i)
	}
}
