package workload_test

import (
	"fmt"
	"testing"

	"github.com/goconc/goconc/helpers/workload"
)

func TestCountersCountEverything(t *testing.T) {
	for name, count := range map[string]func(int, int) int64{
		"mutex": workload.CountMutex, "atomic": workload.CountAtomic,
		"sharded": workload.CountSharded, "unpadded": workload.CountShardedUnpadded,
	} {
		for _, workers := range []int{0, 1, 3, 8} {
			if got := count(10_001, workers); got != 10_001 {
				t.Errorf("%s with %d workers: count %d, want 10001", name, workers, got)
			}
		}
	}
}

// Every strategy counts to the same total; they differ only in how much
// the goroutines contend while counting.
func ExampleCountSharded() {
	fmt.Println(workload.CountMutex(100_000, 4))
	fmt.Println(workload.CountAtomic(100_000, 4))
	fmt.Println(workload.CountSharded(100_000, 4))
	fmt.Println(workload.CountShardedUnpadded(100_000, 4))
	// Output:
	// 100000
	// 100000
	// 100000
	// 100000
}
