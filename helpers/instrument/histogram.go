package instrument

import (
	"math/bits"
	"sync/atomic"
	"time"
)

// Dist summarises a distribution of durations (waiting or holding times).
// Percentiles are estimated from power-of-two buckets by interpolating
// inside the bucket, so they are exact to within a factor of two and
// usually much closer; Mean and Max are exact.
type Dist struct {
	Count   int64         `json:"count"`
	Mean    time.Duration `json:"mean"`
	P50     time.Duration `json:"p50"`
	P90     time.Duration `json:"p90"`
	P99     time.Duration `json:"p99"`
	Max     time.Duration `json:"max"`
	Buckets []Bucket      `json:"buckets,omitempty"` // non-empty buckets, shortest first
}

// Bucket counts the durations d with Below/2 <= d < Below (and d == 0 for
// the bucket with Below == 1ns).
type Bucket struct {
	Below time.Duration `json:"below"`
	Count int64         `json:"count"`
}

// histogram counts durations in power-of-two nanosecond buckets: bucket i
// holds the durations d with bits.Len64(d) == i, that is [2^(i-1), 2^i).
// Every field is updated atomically, so any number of goroutines may add
// to it without a lock.
type histogram struct {
	buckets [64]atomic.Int64
	sum     atomic.Int64
	max     atomic.Int64
}

func (h *histogram) add(d int64) {
	if d < 0 {
		d = 0
	}
	h.buckets[bits.Len64(uint64(d))&63].Add(1)
	h.sum.Add(d)
	for {
		m := h.max.Load()
		if d <= m || h.max.CompareAndSwap(m, d) {
			return
		}
	}
}

// histCounts is a plain copy of a histogram, for merging and summarising.
type histCounts struct {
	buckets [64]int64
	sum     int64
	max     int64
}

// addTo adds h's counts to c; h may be nil.
func (h *histogram) addTo(c *histCounts) {
	if h == nil {
		return
	}
	for i := range h.buckets {
		c.buckets[i] += h.buckets[i].Load()
	}
	c.sum += h.sum.Load()
	c.max = max(c.max, h.max.Load())
}

func (c *histCounts) count() int64 {
	var n int64
	for _, b := range c.buckets {
		n += b
	}
	return n
}

// dist summarises c.
func (c *histCounts) dist() Dist {
	n := c.count()
	if n == 0 {
		return Dist{}
	}
	d := Dist{
		Count: n,
		Mean:  time.Duration(c.sum / n),
		P50:   c.quantile(0.50, n),
		P90:   c.quantile(0.90, n),
		P99:   c.quantile(0.99, n),
		Max:   time.Duration(c.max),
	}
	for i, b := range c.buckets {
		if b > 0 {
			d.Buckets = append(d.Buckets, Bucket{Below: time.Duration(uint64(1) << i), Count: b})
		}
	}
	return d
}

// quantile estimates the q-quantile of n values by interpolating linearly
// inside the bucket that holds it.
func (c *histCounts) quantile(q float64, n int64) time.Duration {
	rank := q * float64(n)
	var seen int64
	for i, b := range c.buckets {
		if b == 0 {
			continue
		}
		if float64(seen+b) >= rank {
			if i == 0 {
				return 0
			}
			lo := float64(uint64(1) << (i - 1))
			hi := min(2*lo, float64(c.max))
			v := lo + (hi-lo)*(rank-float64(seen))/float64(b)
			return time.Duration(min(v, float64(c.max)))
		}
		seen += b
	}
	return time.Duration(c.max)
}
