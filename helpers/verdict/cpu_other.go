//go:build !unix

package verdict

import "time"

// processCPU is unknown on this system: Samples carry no CPU time.
func processCPU() time.Duration { return 0 }
