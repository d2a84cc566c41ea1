package verdict

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// runQueueWait returns how long the process's threads have spent runnable
// but waiting for a CPU (the second field of /proc/self/task/*/schedstat),
// and false if the kernel does not report it.
func runQueueWait() (time.Duration, bool) {
	paths, err := filepath.Glob("/proc/self/task/*/schedstat")
	if err != nil || len(paths) == 0 {
		return 0, false
	}
	var total int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // the thread exited meanwhile
		}
		f := strings.Fields(string(data))
		if len(f) < 2 {
			return 0, false
		}
		ns, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return 0, false
		}
		total += ns
	}
	return time.Duration(total), true
}

// hostTimes returns the CPU time the whole machine has lost to the
// hypervisor (steal) and spent idle waiting for disks (iowait), from the
// first line of /proc/stat, and false if it cannot be read.
func hostTimes() (steal, iowait time.Duration, ok bool) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0, false
	}
	ticks := func(s string) (time.Duration, bool) {
		n, err := strconv.ParseInt(s, 10, 64)
		return time.Duration(n) * time.Second / userHZ, err == nil
	}
	io, ok1 := ticks(f[5])
	st, ok2 := ticks(f[8])
	return st, io, ok1 && ok2
}

// userHZ is the unit of /proc/stat: 100 ticks a second on Linux.
const userHZ = 100
