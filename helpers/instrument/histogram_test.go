package instrument

import (
	"testing"
	"time"
)

func TestHistogramSummary(t *testing.T) {
	var h histogram
	for range 90 {
		h.add(0)
	}
	for range 10 {
		h.add(1000)
	}
	var c histCounts
	h.addTo(&c)
	d := c.dist()
	if d.Count != 100 || d.Mean != 100 || d.Max != 1000 || d.P50 != 0 {
		t.Errorf("dist = %+v", d)
	}
	// 1000ns lies in the bucket [512, 1024): percentiles above the 90th
	// fall inside it and never above the maximum.
	if d.P99 < 512 || d.P99 > 1000 {
		t.Errorf("p99 = %v, want in [512ns, 1µs]", d.P99)
	}
	if len(d.Buckets) != 2 || d.Buckets[0] != (Bucket{Below: 1, Count: 90}) || d.Buckets[1] != (Bucket{Below: 1024, Count: 10}) {
		t.Errorf("buckets = %+v", d.Buckets)
	}
}

func TestHistogramQuantilesAreMonotone(t *testing.T) {
	var h histogram
	for i := range 1000 {
		h.add(int64(i) * int64(time.Microsecond))
	}
	var c histCounts
	h.addTo(&c)
	d := c.dist()
	if !(d.P50 <= d.P90 && d.P90 <= d.P99 && d.P99 <= d.Max) {
		t.Errorf("quantiles out of order: %+v", d)
	}
	// The true median is 500µs; the estimate is within a factor of two.
	if d.P50 < 250*time.Microsecond || d.P50 > time.Millisecond {
		t.Errorf("p50 = %v, want near 500µs", d.P50)
	}
}

func TestEmptyDist(t *testing.T) {
	var c histCounts
	if d := c.dist(); d.Count != 0 || d.Buckets != nil {
		t.Errorf("empty dist = %+v", d)
	}
}
