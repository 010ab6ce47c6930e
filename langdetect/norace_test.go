//go:build !race

package langdetect

const raceEnabled = false
