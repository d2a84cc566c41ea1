package engine

import (
	"context"
	"fmt"
	"testing"
)

// The same numerical integration of x² on [0, 10] with n steps, three ways:
// interpreted by yaegi, compiled into this test binary, and in a native
// cell (built once, then run per iteration). Compare their ns/op in one
// run: go test -run - -bench Integral ./kernel/engine

const integralN = 1_000_000

const integralSrc = `func integral(a, b float64, n int) float64 {
	h := (b - a) / float64(n)
	sum := 0.0
	for i := 0; i < n; i++ {
		x := a + (float64(i)+0.5)*h
		sum += x * x
	}
	return sum * h
}`

func integral(a, b float64, n int) float64 {
	h := (b - a) / float64(n)
	sum := 0.0
	for i := 0; i < n; i++ {
		x := a + (float64(i)+0.5)*h
		sum += x * x
	}
	return sum * h
}

func BenchmarkIntegralCompiled(b *testing.B) {
	for b.Loop() {
		if r := integral(0, 10, integralN); r < 333 || r > 334 {
			b.Fatal(r)
		}
	}
}

// benchEngine returns an engine that has run the cell prep.
func benchEngine(b *testing.B, prep string) *Engine {
	b.Helper()
	e, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	if _, err := e.Execute(context.Background(), prep, newRecorder()); err != nil {
		b.Fatal(err)
	}
	return e
}

func BenchmarkIntegralInterpreted(b *testing.B) {
	e := benchEngine(b, integralSrc)
	for b.Loop() {
		if _, err := e.Execute(context.Background(), "integral(0, 10, 1000000)", newRecorder()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNativeCell measures a new small native cell with a warm build
// cache: compose, go build (compile and link), run.
func BenchmarkNativeCell(b *testing.B) {
	e := benchEngine(b, integralSrc)
	cell := "%%%%native\nimport \"fmt\"\nfmt.Println(%d, integral(0, 10, 1000000))"
	if _, err := e.Execute(context.Background(), fmt.Sprintf(cell, -1), newRecorder()); err != nil {
		b.Fatal(err) // warms the build cache
	}
	// Each iteration is a new cell (another constant), so it is compiled
	// and linked again, as a reader's next cell would be.
	i := 0
	for b.Loop() {
		i++
		if _, err := e.Execute(context.Background(), fmt.Sprintf(cell, i), newRecorder()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrivialCell measures the engine's own cost for "x := 1".
func BenchmarkTrivialCell(b *testing.B) {
	e := benchEngine(b, "x := 0")
	for b.Loop() {
		if _, err := e.Execute(context.Background(), "x := 1", newRecorder()); err != nil {
			b.Fatal(err)
		}
	}
}
