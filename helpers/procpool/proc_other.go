//go:build !linux

package procpool

import "os/exec"

// setProcAttr does nothing outside Linux.
func setProcAttr(cmd *exec.Cmd) {}

// killGroup kills the worker process.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
