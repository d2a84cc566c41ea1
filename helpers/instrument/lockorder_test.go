package instrument

import (
	"testing"
)

func inversionsOf(name string) []Inversion {
	var out []Inversion
	for _, inv := range LockOrderInversions() {
		if inv.First == name || inv.Second == name {
			out = append(out, inv)
		}
	}
	return out
}

func TestLockOrderInversion(t *testing.T) {
	a, b := NewMutex("order-a"), NewMutex("order-b")
	var g Group
	for range 3 {
		g.Go("forward", func() {
			a.Lock()
			b.Lock()
			b.Unlock()
			a.Unlock()
		})
		g.Wait()
	}
	if inv := inversionsOf("order-a"); len(inv) != 0 {
		t.Fatalf("inversion before any reverse order: %v", inv)
	}
	rw := NewRWMutex("order-rw")
	g.Go("backward", func() {
		b.Lock()
		a.Lock()
		a.Unlock()
		b.Unlock()
	})
	g.Wait()
	inv := inversionsOf("order-a")
	if len(inv) != 1 {
		t.Fatalf("inversions = %v, want one", inv)
	}
	want := Inversion{First: "order-a", Second: "order-b",
		Forward: OrderSeen{Goroutines: []string{"forward"}, Count: 3}, Backward: OrderSeen{Goroutines: []string{"backward"}, Count: 1}}
	if got := inv[0]; got.String() != want.String() {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	// Read locks count too.
	g.Go("reader first", func() {
		rw.RLock()
		a.Lock()
		a.Unlock()
		rw.RUnlock()
	})
	g.Wait() // run one after the other: together they could deadlock
	g.Go("writer second", func() {
		a.Lock()
		rw.Lock()
		rw.Unlock()
		a.Unlock()
	})
	g.Wait()
	if inv := inversionsOf("order-rw"); len(inv) != 1 {
		t.Errorf("read/write inversion not reported: %v", inv)
	}
}

// TryLock cannot block, so it does not create an order.
func TestLockOrderIgnoresTryLock(t *testing.T) {
	a, b := NewMutex("try-a"), NewMutex("try-b")
	a.Lock()
	if b.TryLock() {
		b.Unlock()
	}
	a.Unlock()
	b.Lock()
	a.Lock()
	a.Unlock()
	b.Unlock()
	if inv := inversionsOf("try-a"); len(inv) != 0 {
		t.Errorf("TryLock created an order: %v", inv)
	}
}

func TestResetForgetsOrdersAndCounts(t *testing.T) {
	a, b := NewMutex("reset-a"), NewMutex("reset-b")
	a.Lock()
	b.Lock()
	b.Unlock()
	a.Unlock()
	b.Lock()
	a.Lock()
	a.Unlock()
	b.Unlock()
	if len(inversionsOf("reset-a")) != 1 {
		t.Fatal("inversion not found")
	}
	Reset()
	if inv := inversionsOf("reset-a"); len(inv) != 0 {
		t.Errorf("inversions after Reset: %v", inv)
	}
	if n := a.Stats().Op("lock").Count; n != 0 {
		t.Errorf("count after Reset = %d", n)
	}
}
