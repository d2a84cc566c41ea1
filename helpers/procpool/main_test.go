package procpool_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/goconc/goconc/helpers/procpool"
)

// workerEnv makes the test binary act as a worker: the pools in these
// tests run os.Args[0] with it set.
const workerEnv = "GOCONC_PROCPOOL_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(workerEnv) == "1" {
		if err := procpool.Worker(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// testConfig is a pool of n test-binary workers.
func testConfig(n int) procpool.Config {
	return procpool.Config{Workers: n, Command: []string{os.Args[0]}, Env: []string{workerEnv + "=1"}}
}
