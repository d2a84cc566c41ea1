// Package instrument provides synchronisation primitives that behave like
// their standard counterparts and record how they are used, so that a
// notebook can show contention, timelines and deadlocks instead of
// describing them.
//
// # Primitives
//
// Mutex and RWMutex have the methods of sync.Mutex and sync.RWMutex (Lock,
// Unlock, TryLock, RLock, RUnlock, TryRLock, RLocker) and useful zero
// values. Cond is sync.Cond. Semaphore (counting, weighted), Event
// (Set/Clear/Wait), Barrier (reusable, N parties) and Queue (FIFO, LIFO or
// priority order, bounded or not, blocking with timeouts and contexts)
// follow Python's threading and queue modules, which the course's sources
// use. Every primitive has a name, given by its constructor or SetName, or
// "Kind#N" by default. None may be copied after first use; go vet reports
// copies.
//
// # What is recorded
//
// For each primitive and each goroutine label: completed operations, those
// that had to wait, those given up (TryLock false, timeouts,
// cancellations), the distribution of waiting times and, for Mutex and
// RWMutex write locks, of holding times (Dist: mean, p50, p90, p99, max and
// power-of-two buckets). Also its current holders and waiters, its level
// (queue length, permits held, parties waiting) and a log of its last
// LogSize operations. Stats and Snapshot return all of it as plain structs;
// Reset zeroes it.
//
// Recording is per primitive, with atomic counters: no global lock is
// taken on any operation. An uncontended Mutex Lock/Unlock costs two to
// three times a sync.Mutex one; blocking operations also read the clock
// and register the waiter, which is small next to the wait.
//
// # Goroutine labels
//
// Go(name, f), Group.Go and Group.GoN start goroutines with a label, and
// SetLabel labels the calling goroutine. Labels name goroutines in stats,
// logs and reports, and are also set as the pprof label "goroutine", so
// that profiles show them. Unlabelled goroutines appear as "goroutine N".
// The package identifies goroutines by their runtime id, which it reads in
// a few nanoseconds (see helpers/internal/goid), not by pprof labels: these
// are inherited by the goroutines a goroutine starts, so they cannot tell
// a goroutine from its children.
//
// # Deadlocks and lock order
//
// Graph returns the current wait-for graph (who waits for what, who holds
// it) as nodes and edges for a chart. DetectDeadlock and WatchDeadlocks
// find goroutines that can never proceed because each waits for something
// held by another of them, confirm it over two checks, and report it as a
// readable message and as data. Only waits whose end depends on known
// goroutines count: Mutex, RWMutex, and Semaphores used as locks. Waits
// with timeouts, and waits on queues, events, conditions and barriers
// (which any goroutine may end) are never reported, so correct programs
// get no false reports.
//
// LockOrderInversions reports pairs of locks taken in both orders during
// the run (lockdep-style), which can deadlock even if this run did not.
//
// # Timelines
//
// SetFullLog(true) logs every operation, not only those that wait; a Trace
// (StartTrace, Stop) collects the entries of every primitive and the start
// and exit of labelled goroutines for a section of code. sched.Record turns
// them into per-goroutine spans.
package instrument
