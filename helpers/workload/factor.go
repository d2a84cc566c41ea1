package workload

// Factor returns the prime factors of n in increasing order, each repeated
// as often as it divides n, so that their product is n. Factor(0) and
// Factor(1) return nil.
//
// It uses trial division: CPU-bound work whose cost grows with the square
// root of n's second-largest prime factor. A large prime near 2⁶⁴ takes
// seconds.
func Factor(n uint64) []uint64 {
	if n < 2 {
		return nil
	}
	var out []uint64
	for n%2 == 0 {
		out = append(out, 2)
		n /= 2
	}
	for d := uint64(3); d <= n/d; d += 2 { // d <= n/d: d*d could overflow
		for n%d == 0 {
			out = append(out, d)
			n /= d
		}
	}
	if n > 1 {
		out = append(out, n)
	}
	return out
}

// FactorRange returns Factor(i) for every i in [lo, hi), in order: element
// k holds the factors of lo+k. It factors workers contiguous chunks of the
// range in their own goroutines, so the result does not depend on workers.
// It returns nil if hi <= lo.
func FactorRange(lo, hi uint64, workers int) [][]uint64 {
	if hi <= lo {
		return nil
	}
	out := make([][]uint64, hi-lo)
	parallel(len(out), workers, func(r Range) struct{} {
		for k := r.Lo; k < r.Hi; k++ {
			out[k] = Factor(lo + uint64(k))
		}
		return struct{}{}
	})
	return out
}
