//go:build !linux

package sandbox

import (
	"os"
	"syscall"
)

// limitMemory is not available here: only the collector's soft limit
// holds (see docs/sandbox.md).
func limitMemory(budget int64) error { return nil }

func sysProcAttr() *syscall.SysProcAttr { return nil }

func killGroup(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}
