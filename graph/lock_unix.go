//go:build unix

package graph

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// flock takes an exclusive advisory lock on f, the same kind of lock bolt
// takes on its file, retrying until timeout. It reports false if the lock
// is still held elsewhere when the timeout expires.
func flock(f *os.File, timeout time.Duration) (bool, error) {
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return false, err
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}
