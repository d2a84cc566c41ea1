package exercise_test

import (
	"errors"
	"fmt"

	"github.com/goconc/goconc/helpers/exercise"
)

func ExampleCheck() {
	sum := func(xs []int) int {
		total := 0
		for _, x := range xs {
			total += x
		}
		return total
	}
	ok := exercise.Check("sum", func() error {
		if got := sum([]int{1, 2, 3}); got != 6 {
			return fmt.Errorf("sum = %d, want 6", got)
		}
		return nil
	}, "Add every element.")
	fmt.Println(ok)
	// Output:
	// PASS sum
	// true
}

func ExampleCheck_failing() {
	exercise.Check("not yet", func() error { return errors.New("the channel was never closed") },
		"Close the channel when the producer is done.")
	// Output:
	// FAIL not yet: the channel was never closed
	// Hint: Close the channel when the producer is done.
}
