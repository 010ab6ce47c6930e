package langdetect

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Loading the n-gram models takes about a second and a few hundred
// megabytes, so each test binary builds the default Detector once.
var (
	defaultOnce     sync.Once
	defaultDetector *Detector
	defaultErr      error
)

func testDetector(tb testing.TB) *Detector {
	tb.Helper()
	defaultOnce.Do(func() { defaultDetector, defaultErr = New() })
	require.NoError(tb, defaultErr)
	return defaultDetector
}
