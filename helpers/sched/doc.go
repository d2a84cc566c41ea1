// Package sched runs scheduling experiments for the course's notebooks and
// returns their results as plain structs (JSON-tagged, for charts):
//
//   - Sweep measures a workload over worker counts and GOMAXPROCS values,
//     with speedup, efficiency and an Amdahl's-law fit (sweep.go, amdahl.go);
//   - Interleavings runs small "threads" of named steps under every
//     possible schedule, or a seeded sample of them, and tabulates the
//     outcomes, such as the lost update of an unsynchronised counter
//     (interleave.go);
//   - Coop is a cooperative round-robin scheduler whose tasks yield, sleep
//     and wait for simulated I/O, in virtual or real time, with a trace of
//     who ran when (coop.go);
//   - Record turns what the instrument package logs during a section of
//     code into per-goroutine spans of running, blocked and waiting
//     (timeline.go);
//   - HandoffCosts measures what handing one value over costs with
//     iter.Seq, iter.Pull and channels (coroutine.go).
//
// Callbacks have concrete function types and all functions are
// non-generic, so that interpreted notebook cells can call them.
package sched
