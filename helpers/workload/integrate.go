package workload

// IntegrateSquare returns the integral of x² over [a, b] computed with the
// midpoint rule on n equal steps: the sequential baseline of the course.
func IntegrateSquare(a, b float64, n int) float64 {
	return IntegrateSquareSteps(a, b, n, Range{Lo: 0, Hi: n})
}

// IntegrateSquareSteps returns the part of IntegrateSquare(a, b, n) that
// steps r contribute: the work of one chunk. The sum over the ranges of
// Split(n, k) is IntegrateSquare(a, b, n), up to rounding.
func IntegrateSquareSteps(a, b float64, n int, r Range) float64 {
	if n <= 0 {
		return 0
	}
	h := (b - a) / float64(n)
	sum := 0.0
	for i := r.Lo; i < r.Hi; i++ {
		x := a + (float64(i)+0.5)*h
		sum += x * x
	}
	return sum * h
}

// IntegrateSquareParallel computes IntegrateSquare(a, b, n) by splitting
// the steps into workers chunks (see Split), integrating each chunk in its
// own goroutine and adding the partial sums in chunk order, so the result
// depends only on the arguments.
func IntegrateSquareParallel(a, b float64, n, workers int) float64 {
	total := 0.0
	for _, part := range parallel(n, workers, func(r Range) float64 { return IntegrateSquareSteps(a, b, n, r) }) {
		total += part
	}
	return total
}

// SquareIntegral returns the exact integral of x² over [a, b], (b³-a³)/3,
// to check the numerical ones against.
func SquareIntegral(a, b float64) float64 { return (b*b*b - a*a*a) / 3 }
