package workload

import "fmt"

// Range is the half-open range of indexes [Lo, Hi).
type Range struct {
	Lo int `json:"lo"`
	Hi int `json:"hi"`
}

// Len returns Hi - Lo.
func (r Range) Len() int { return r.Hi - r.Lo }

// String returns "[Lo, Hi)".
func (r Range) String() string { return fmt.Sprintf("[%d, %d)", r.Lo, r.Hi) }

// Split divides [0, n) into parts contiguous ranges whose lengths differ by
// at most one, the longer ones first: the chunks of the course's
// split–run–reassemble strategy. parts is clamped to [1, n] (to 1 if n is 0).
func Split(n, parts int) []Range {
	parts = max(1, min(parts, n))
	out := make([]Range, parts)
	size, extra := n/parts, n%parts
	lo := 0
	for i := range out {
		hi := lo + size
		if i < extra {
			hi++
		}
		out[i] = Range{Lo: lo, Hi: hi}
		lo = hi
	}
	return out
}

// parallel runs f on each chunk of [0, n) in its own goroutine and returns
// the results in chunk order.
func parallel[T any](n, workers int, f func(Range) T) []T {
	chunks := Split(n, workers)
	out := make([]T, len(chunks))
	done := make(chan struct{})
	for i, c := range chunks {
		go func() {
			out[i] = f(c)
			done <- struct{}{}
		}()
	}
	for range chunks {
		<-done
	}
	return out
}
