package instrument_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/goconc/goconc/helpers/instrument"
)

// Four labelled goroutines increment a shared counter under a Mutex; the
// stats count every lock, split by label.
func ExampleMutex() {
	mu := instrument.NewMutex("counter")
	counter := 0
	var g instrument.Group
	g.GoN("worker", 4, func(i int) {
		for range 1000 {
			mu.Lock()
			counter++
			mu.Unlock()
		}
	})
	g.Wait()

	s := mu.Stats()
	fmt.Println("counter:", counter)
	fmt.Println("locks:", s.Op("lock").Count)
	for _, l := range s.Labels {
		fmt.Println(l.Label, l.Count)
	}
	// Output:
	// counter: 4000
	// locks: 4000
	// worker-0 1000
	// worker-1 1000
	// worker-2 1000
	// worker-3 1000
}

// While a goroutine holds a Mutex, its stats name the owner and the
// goroutines waiting.
func ExampleMutex_owner() {
	mu := instrument.NewMutex("printer")
	mu.Lock()
	instrument.SetLabel("main")
	defer instrument.SetLabel("")

	done := make(chan bool)
	instrument.Go("waiter", func() {
		mu.Lock()
		mu.Unlock()
		close(done)
	})
	for len(mu.Stats().Waiters) == 0 {
		time.Sleep(time.Millisecond)
	}
	s := mu.Stats()
	fmt.Println("held by:", s.Holders[0].Goroutine.Label)
	fmt.Println("waiting:", s.Waiters[0].Goroutine.Label, s.Waiters[0].Op)
	mu.Unlock()
	<-done
	fmt.Println("contended locks:", mu.Stats().Op("lock").Contended)
	// Output:
	// held by: main
	// waiting: waiter lock
	// contended locks: 1
}

// Readers share an RWMutex; a writer excludes them.
func ExampleRWMutex() {
	rw := instrument.NewRWMutex("config")
	config := map[string]string{"mode": "fast"}
	var g instrument.Group
	g.GoN("reader", 3, func(int) {
		rw.RLock()
		_ = config["mode"]
		rw.RUnlock()
	})
	g.Go("writer", func() {
		rw.Lock()
		config["mode"] = "safe"
		rw.Unlock()
	})
	g.Wait()
	s := rw.Stats()
	fmt.Println("read locks:", s.Op("rlock").Count, "write locks:", s.Op("lock").Count)
	fmt.Println("mode:", config["mode"])
	// Output:
	// read locks: 3 write locks: 1
	// mode: safe
}

// A semaphore with two permits lets at most two goroutines in at once.
func ExampleSemaphore() {
	sem := instrument.NewSemaphore("two at once", 2)
	inside := instrument.NewMutex("inside")
	n, most := 0, 0
	var g instrument.Group
	g.GoN("visitor", 6, func(int) {
		sem.Acquire()
		inside.Lock()
		n++
		most = max(most, n)
		inside.Unlock()
		time.Sleep(time.Millisecond)
		inside.Lock()
		n--
		inside.Unlock()
		sem.Release()
	})
	g.Wait()
	fmt.Println("at most two inside:", most <= 2)
	fmt.Println("acquisitions:", sem.Stats().Op("acquire").Count)
	// Output:
	// at most two inside: true
	// acquisitions: 6
}

// Weighted acquisitions take several permits at once; TryAcquire does not
// wait, AcquireTimeout waits a bounded time.
func ExampleSemaphore_weighted() {
	mem := instrument.NewSemaphore("memory MB", 10)
	mem.AcquireN(8)
	fmt.Println("3 more now?", mem.TryAcquire(3))
	fmt.Println("2 more now?", mem.TryAcquire(2))
	fmt.Println("1 more within 10ms?", mem.AcquireTimeout(1, 10*time.Millisecond))
	mem.ReleaseN(10)
	fmt.Println("available:", mem.Available())
	// Output:
	// 3 more now? false
	// 2 more now? true
	// 1 more within 10ms? false
	// available: 10
}

// A semaphore created with no permits is a signal: one goroutine releases,
// another acquires.
func ExampleSemaphore_signal() {
	ready := instrument.NewSemaphore("ready", 0)
	instrument.Go("producer", func() {
		fmt.Println("producer: data ready")
		ready.Release()
	})
	ready.Acquire()
	fmt.Println("consumer: got it")
	// Output:
	// producer: data ready
	// consumer: got it
}

// An Event releases every waiter at once.
func ExampleEvent() {
	start := instrument.NewEvent("start")
	var g instrument.Group
	g.GoN("runner", 3, func(int) { start.Wait() })
	for len(start.Stats().Waiters) < 3 {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("set?", start.IsSet())
	start.Set()
	g.Wait()
	fmt.Println("set?", start.IsSet(), "waits:", start.Stats().Op("wait").Count)
	start.Clear()
	fmt.Println("wait 10ms after Clear:", start.WaitTimeout(10*time.Millisecond))
	// Output:
	// set? false
	// set? true waits: 3
	// wait 10ms after Clear: false
}

// A Barrier holds each party until all have arrived, round after round.
func ExampleBarrier() {
	b := instrument.NewBarrier("round", 3)
	var mu instrument.Mutex
	var lastArrivals int
	var g instrument.Group
	g.GoN("party", 3, func(int) {
		for range 2 { // the barrier is reusable
			if b.Wait() == b.Parties()-1 {
				mu.Lock()
				lastArrivals++
				mu.Unlock()
			}
		}
	})
	g.Wait()
	fmt.Println("rounds completed:", lastArrivals)
	fmt.Println("waits:", b.Stats().Op("wait").Count)
	// Output:
	// rounds completed: 2
	// waits: 6
}

// A Cond lets a consumer wait until a producer has put something in a
// shared slice.
func ExampleCond() {
	mu := instrument.NewMutex("buffer")
	nonEmpty := instrument.NewCond("non-empty", mu)
	var buffer []string
	instrument.Go("producer", func() {
		for _, s := range []string{"a", "b", "c"} {
			mu.Lock()
			buffer = append(buffer, s)
			nonEmpty.Signal()
			mu.Unlock()
		}
	})
	for range 3 {
		mu.Lock()
		for len(buffer) == 0 {
			nonEmpty.Wait()
		}
		fmt.Println("got", buffer[0])
		buffer = buffer[1:]
		mu.Unlock()
	}
	// Output:
	// got a
	// got b
	// got c
}

// A FIFO queue hands items out in the order they were put.
func ExampleQueue() {
	q := instrument.NewQueue("letters", instrument.FIFO, 0)
	instrument.Go("producer", func() {
		for _, r := range "Go!" {
			q.Put(int(r))
		}
		q.Close()
	})
	for {
		v, ok := q.Get()
		if !ok {
			break
		}
		fmt.Println(v)
	}
	s := q.Stats()
	fmt.Println("puts:", s.Op("put").Count, "gets:", s.Op("get").Count)
	// Output:
	// 71
	// 111
	// 33
	// puts: 3 gets: 3
}

// A LIFO queue is a stack.
func ExampleQueue_lifo() {
	q := instrument.NewQueue("stack", instrument.LIFO, 0)
	for _, s := range []string{"first", "second", "third"} {
		q.Put(s)
	}
	for q.Len() > 0 {
		v, _ := q.Get()
		fmt.Println(v)
	}
	// Output:
	// third
	// second
	// first
}

// A priority queue hands out the lowest priority number first, and equal
// priorities in arrival order.
func ExampleQueue_priority() {
	q := instrument.NewQueue("jobs", instrument.Priority, 0)
	q.PutPriority(2, "write report")
	q.PutPriority(1, "fix outage")
	q.PutPriority(3, "lunch")
	q.PutPriority(1, "call customer")
	for q.Len() > 0 {
		v, _ := q.Get()
		fmt.Println(v)
	}
	// Output:
	// fix outage
	// call customer
	// write report
	// lunch
}

// A bounded queue refuses or delays puts when full.
func ExampleQueue_bounded() {
	q := instrument.NewQueue("small", instrument.FIFO, 2)
	fmt.Println(q.TryPut(1), q.TryPut(2), q.TryPut(3))
	fmt.Println("put within 10ms:", q.PutTimeout(3, 10*time.Millisecond))
	v, ok := q.GetTimeout(10 * time.Millisecond)
	fmt.Println("got", v, ok)
	s := q.Stats()
	fmt.Println("len", s.Len, "max", s.MaxLen, "cap", s.Cap, "failed puts", s.Op("put").Failed)
	// Output:
	// true true false
	// put within 10ms: false
	// got 1 true
	// len 1 max 2 cap 2 failed puts 2
}

// Labels name goroutines in every record.
func ExampleGo() {
	done := make(chan string)
	instrument.Go("downloader", func() { done <- instrument.Label() })
	fmt.Println(<-done)
	// Output: downloader
}

// Two trains each hold one crossing and wait for the other's: the detector
// names who holds what and who waits for what.
func ExampleDetectDeadlock() {
	a, b := instrument.NewMutex("crossing A"), instrument.NewMutex("crossing B")
	both := instrument.NewBarrier("both hold one", 2)
	instrument.Go("east train", func() {
		a.Lock()
		both.Wait()
		b.Lock() // blocks forever
	})
	instrument.Go("west train", func() {
		b.Lock()
		both.Wait()
		a.Lock() // blocks forever
	})
	d, ok := instrument.DetectDeadlock(5 * time.Second)
	fmt.Println(ok)
	fmt.Println(d)
	// Output:
	// true
	// deadlock: 2 goroutines wait for each other
	//   east train holds "crossing A" and waits to lock Mutex "crossing B", held by west train
	//   west train holds "crossing B" and waits to lock Mutex "crossing A", held by east train
}

// Taking two locks in opposite orders is reported even when the run was
// lucky and did not deadlock.
func ExampleLockOrderInversions() {
	fork, knife := instrument.NewMutex("fork"), instrument.NewMutex("knife")
	var g instrument.Group
	g.Go("alice", func() {
		fork.Lock()
		knife.Lock()
		knife.Unlock()
		fork.Unlock()
	})
	g.Wait()
	g.Go("bob", func() {
		knife.Lock()
		fork.Lock()
		fork.Unlock()
		knife.Unlock()
	})
	g.Wait()
	for _, inv := range instrument.LockOrderInversions() {
		if inv.First == "fork" {
			fmt.Println(inv)
		}
	}
	// Output:
	// lock order inversion: "fork" then "knife" (by alice, 1 time) but "knife" then "fork" (by bob, 1 time)
}

// A trace records every operation of a section of code, for a timeline.
func ExampleStartTrace() {
	mu := instrument.NewMutex("traced")
	t := instrument.StartTrace(0)
	var g instrument.Group
	g.Go("only", func() {
		mu.Lock()
		mu.Unlock()
	})
	g.Wait()
	for _, e := range t.Stop() {
		if e.Goroutine.Label == "only" {
			fmt.Println(strings.TrimSpace(e.Op + " " + e.Object))
		}
	}
	// Output:
	// start
	// lock traced
	// unlock traced
	// exit
}
