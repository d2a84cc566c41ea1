package verdict

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Machine describes the CPUs this process may use.
type Machine struct {
	GOMAXPROCS int `json:"gomaxprocs"`
	// NumCPU is the number of CPUs the process may run on (its affinity
	// mask), as runtime.NumCPU reports it.
	NumCPU int `json:"num_cpu"`
	// Quota is the CPU time per second a container's cgroup allows
	// (cpu.max, or cpu.cfs_quota_us under cgroup v1), in CPUs; 0 when
	// there is no quota or it could not be read.
	Quota float64 `json:"quota,omitempty"`
	// Load is the 1-minute load average of the host, the number of
	// threads running or waiting for a CPU; -1 when unknown.
	Load float64 `json:"load"`
}

// Probe reads the machine's current CPU allowance.
func Probe() Machine {
	return Machine{
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		NumCPU:     runtime.NumCPU(),
		Quota:      cpuQuota(),
		Load:       loadAverage(),
	}
}

// CPUs returns how many CPUs' worth of Go code the process can run at
// once: the least of GOMAXPROCS, NumCPU and the quota.
func (m Machine) CPUs() float64 {
	c := float64(min(m.GOMAXPROCS, m.NumCPU))
	if m.Quota > 0 {
		c = min(c, m.Quota)
	}
	return c
}

// String describes the machine in one line.
func (m Machine) String() string {
	s := fmt.Sprintf("GOMAXPROCS %d, %d CPU(s) allowed", m.GOMAXPROCS, m.NumCPU)
	if m.Quota > 0 {
		s += fmt.Sprintf(", a CPU quota of %.2g", m.Quota)
	} else {
		s += ", no CPU quota"
	}
	if m.Load >= 0 {
		s += fmt.Sprintf(", load average %.1f", m.Load)
	}
	return s
}

// loadAverage reads the 1-minute load average from /proc/loadavg.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

// cpuQuota returns the smallest CPU quota of the process's cgroup and its
// ancestors, in CPUs, or 0 if there is none.
func cpuQuota() float64 {
	data, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return 0
	}
	quota := math.Inf(1)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case parts[1] == "": // cgroup v2: cpu.max holds "quota period" or "max period"
			for dir := parts[2]; ; dir = filepath.Dir(dir) {
				if q, ok := readCPUMax(filepath.Join("/sys/fs/cgroup", dir, "cpu.max")); ok {
					quota = min(quota, q)
				}
				if dir == "/" || dir == "." {
					break
				}
			}
		case strings.Contains(","+parts[1]+",", ",cpu,"): // cgroup v1
			for dir := parts[2]; ; dir = filepath.Dir(dir) {
				q, okq := readInt(filepath.Join("/sys/fs/cgroup/cpu", dir, "cpu.cfs_quota_us"))
				p, okp := readInt(filepath.Join("/sys/fs/cgroup/cpu", dir, "cpu.cfs_period_us"))
				if okq && okp && q > 0 && p > 0 {
					quota = min(quota, float64(q)/float64(p))
				}
				if dir == "/" || dir == "." {
					break
				}
			}
		}
	}
	if math.IsInf(quota, 1) {
		return 0
	}
	return quota
}

func readCPUMax(path string) (float64, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(data))
	if len(f) != 2 || f[0] == "max" {
		return 0, false
	}
	q, err1 := strconv.ParseFloat(f[0], 64)
	p, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || q <= 0 || p <= 0 {
		return 0, false
	}
	return q / p, true
}

func readInt(path string) (int64, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	return v, err == nil
}
