package workload

// IsPrime reports whether n is prime, by trial division: deliberately
// simple CPU-bound work whose cost grows with n.
func IsPrime(n int) bool {
	if n < 2 {
		return false
	}
	if n%2 == 0 {
		return n == 2
	}
	for d := 3; d*d <= n; d += 2 {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// CountPrimes returns the number of primes in [lo, hi).
func CountPrimes(lo, hi int) int {
	n := 0
	for i := max(lo, 0); i < hi; i++ {
		if IsPrime(i) {
			n++
		}
	}
	return n
}

// CountPrimesParallel returns CountPrimes(lo, hi), counting workers
// contiguous chunks of the range in their own goroutines. Later chunks hold
// larger numbers and take longer, which shows why equal-sized chunks do not
// always balance the work.
func CountPrimesParallel(lo, hi, workers int) int {
	lo = max(lo, 0)
	total := 0
	for _, n := range parallel(max(hi-lo, 0), workers, func(r Range) int { return CountPrimes(lo+r.Lo, lo+r.Hi) }) {
		total += n
	}
	return total
}
