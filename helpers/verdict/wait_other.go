//go:build !linux

package verdict

import "time"

// runQueueWait is unknown outside Linux.
func runQueueWait() (time.Duration, bool) { return 0, false }

// hostTimes is unknown outside Linux.
func hostTimes() (steal, iowait time.Duration, ok bool) { return 0, 0, false }
