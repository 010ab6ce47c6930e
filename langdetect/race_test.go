//go:build race

package langdetect

const raceEnabled = true
