//go:build !linux

package verdict

import "time"

// runQueueWait is unknown outside Linux.
func runQueueWait() (time.Duration, bool) { return 0, false }
