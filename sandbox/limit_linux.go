package sandbox

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// limitMemory caps the process's address space at what it maps now
// plus budget: a later mmap past it fails, and the Go runtime dies of
// "out of memory".
func limitMemory(budget int64) error {
	size, err := vmSize()
	if err != nil {
		return err
	}
	lim := uint64(size + budget)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
		return fmt.Errorf("setting RLIMIT_AS: %w", err)
	}
	return nil
}

// vmSize is the process's mapped address space, in bytes.
func vmSize() (int64, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			f := bytes.Fields(v)
			if len(f) == 2 {
				kb, err := strconv.ParseInt(string(f[0]), 10, 64)
				return kb << 10, err
			}
		}
	}
	return 0, fmt.Errorf("no VmSize in /proc/self/status")
}

func sysProcAttr() *syscall.SysProcAttr {
	// Its own process group, to be killed whole; and killed if the
	// server dies.
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

func killGroup(pid int) {
	syscall.Kill(-pid, syscall.SIGKILL)
}
