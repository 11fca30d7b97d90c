//go:build !unix

package graph

import (
	"os"
	"time"
)

// flock is a no-op where advisory file locks are not available; bolt still
// locks the database file itself.
func flock(f *os.File, timeout time.Duration) (bool, error) { return true, nil }
