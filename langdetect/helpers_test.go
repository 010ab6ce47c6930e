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

var (
	linguaPathOnce     sync.Once
	linguaPathDetector *Detector
	linguaPathErr      error
)

// testLinguaPathDetector returns a Detector with the default languages
// that classifies Latin-script text with lingua instead of its tables.
func testLinguaPathDetector(tb testing.TB) *Detector {
	tb.Helper()
	linguaPathOnce.Do(func() { linguaPathDetector, linguaPathErr = New(withLinguaScorer()) })
	require.NoError(tb, linguaPathErr)
	return linguaPathDetector
}
