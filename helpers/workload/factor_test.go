package workload

import (
	"slices"
	"testing"
)

func TestFactor(t *testing.T) {
	cases := []struct {
		n    uint64
		want []uint64
	}{
		{0, nil},
		{1, nil},
		{2, []uint64{2}},
		{9, []uint64{3, 3}},
		{360, []uint64{2, 2, 2, 3, 3, 5}},
		{600851475143, []uint64{71, 839, 1471, 6857}},
		{4294967291 * 3, []uint64{3, 4294967291}}, // largest prime below 2³²
		{1 << 63, slices.Repeat([]uint64{2}, 63)}, // only twos
		{1000000007, []uint64{1000000007}},
		{1000000007 * 1000003, []uint64{1000003, 1000000007}},
	}
	for _, c := range cases {
		if got := Factor(c.n); !slices.Equal(got, c.want) {
			t.Errorf("Factor(%d) = %v, want %v", c.n, got, c.want)
		}
	}
}

func TestFactorRange(t *testing.T) {
	for _, workers := range []int{1, 3, 8, 100} {
		got := FactorRange(90, 130, workers)
		if len(got) != 40 {
			t.Fatalf("workers %d: %d results, want 40", workers, len(got))
		}
		for k, fs := range got {
			if !slices.Equal(fs, Factor(90+uint64(k))) {
				t.Errorf("workers %d: FactorRange[%d] = %v, want %v", workers, k, fs, Factor(90+uint64(k)))
			}
			p := uint64(1)
			for _, f := range fs {
				p *= f
			}
			if p != 90+uint64(k) {
				t.Errorf("product of %v = %d, want %d", fs, p, 90+k)
			}
		}
	}
	if got := FactorRange(5, 5, 2); got != nil {
		t.Errorf("empty range: %v", got)
	}
}
