package server

import (
	"os"
	"testing"

	"github.com/gijigraph/gijigraph/sandbox"
)

func TestMain(m *testing.M) {
	// The servers under test run their Gizmo workers from this binary.
	sandbox.MainIfWorker()
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}
