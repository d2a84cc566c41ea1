package sched

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// A Gauge counts the goroutines inside a section of code and remembers the
// most it has seen at once: the way to check that a lock lets one goroutine
// in, or a semaphore n. Goroutines call Enter on the way in and Leave on the
// way out. The zero value is ready to use; a Gauge is safe for concurrent
// use.
type Gauge struct {
	now, max atomic.Int64
	enters   atomic.Int64
}

// Enter records a goroutine entering and returns how many are inside now,
// the caller included.
func (g *Gauge) Enter() int {
	g.enters.Add(1)
	n := g.now.Add(1)
	for {
		m := g.max.Load()
		if n <= m || g.max.CompareAndSwap(m, n) {
			return int(n)
		}
	}
}

// Leave records a goroutine leaving.
func (g *Gauge) Leave() { g.now.Add(-1) }

// Now returns how many goroutines are inside.
func (g *Gauge) Now() int { return int(g.now.Load()) }

// Max returns the most goroutines that were inside at once.
func (g *Gauge) Max() int { return int(g.max.Load()) }

// Entries returns how many times Enter was called.
func (g *Gauge) Entries() int { return int(g.enters.Load()) }

// Reset forgets everything. Call it only while no goroutine is inside.
func (g *Gauge) Reset() {
	g.now.Store(0)
	g.max.Store(0)
	g.enters.Store(0)
}

// A Journal records named steps in the order goroutines take them, so that
// a check can ask whether every "a1" came before every "b2". The zero value
// is ready to use; a Journal is safe for concurrent use.
type Journal struct {
	mu    sync.Mutex
	steps []string
}

// Mark appends a step.
func (j *Journal) Mark(step string) {
	j.mu.Lock()
	j.steps = append(j.steps, step)
	j.mu.Unlock()
}

// Steps returns the steps in the order they were marked.
func (j *Journal) Steps() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.steps)
}

// Count returns how many times step was marked.
func (j *Journal) Count(step string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for _, s := range j.steps {
		if s == step {
			n++
		}
	}
	return n
}

// First returns the position of the first mark of step, or -1.
func (j *Journal) First(step string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Index(j.steps, step)
}

// Last returns the position of the last mark of step, or -1.
func (j *Journal) Last(step string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := len(j.steps) - 1; i >= 0; i-- {
		if j.steps[i] == step {
			return i
		}
	}
	return -1
}

// Before reports whether step a was marked, step b was marked, and every
// mark of a comes before every mark of b.
func (j *Journal) Before(a, b string) bool {
	last, first := j.Last(a), j.First(b)
	return last >= 0 && first >= 0 && last < first
}

// Reset forgets every step.
func (j *Journal) Reset() {
	j.mu.Lock()
	j.steps = nil
	j.mu.Unlock()
}

// String returns the steps separated by spaces.
func (j *Journal) String() string { return strings.Join(j.Steps(), " ") }

// A Console is an output shared by goroutines, like a terminal: each Write
// lands in one piece, but the writes of different goroutines interleave,
// so a line written in several parts can come out jumbled. It keeps what
// was written, can echo it to another writer (os.Stdout in a notebook),
// and calls a Chaos's Point after every write to make interleavings
// likely. A Console is safe for concurrent use.
type Console struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	echo  io.Writer
	chaos *Chaos
}

// NewConsole returns an empty console that echoes to echo (nil: nowhere)
// and calls chaos.Point after each write (nil: never).
func NewConsole(echo io.Writer, chaos *Chaos) *Console {
	return &Console{echo: echo, chaos: chaos}
}

// Write appends p in one piece, then reaches a scheduling point.
func (c *Console) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.buf.Write(p)
	if c.echo != nil {
		c.echo.Write(p)
	}
	c.mu.Unlock()
	c.chaos.Point()
	return len(p), nil
}

// String returns everything written so far.
func (c *Console) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// Lines returns what was written, split into lines (a last line without
// a newline included).
func (c *Console) Lines() []string {
	s := strings.TrimSuffix(c.String(), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Reset empties the console.
func (c *Console) Reset() {
	c.mu.Lock()
	c.buf.Reset()
	c.mu.Unlock()
}
