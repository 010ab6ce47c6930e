// Package hanzi classifies Han characters as Simplified-only,
// Traditional-only or Japanese-only forms, from tables generated from the
// Unicode Han Database (see gen/main.go for the exact rules).
package hanzi

import (
	"slices"
	"unicode"
)

//go:generate go run ./gen -unihan /usr/share/unicode -o tables.go

// Class is the script variant a Han character is evidence for.
type Class uint8

const (
	// Neutral characters are valid in Simplified and Traditional Chinese
	// alike (人, 后, 么), or are not Han characters at all.
	Neutral Class = iota
	// Simplified characters are used only in Simplified Chinese (国, 这).
	Simplified
	// Traditional characters are used only in Traditional Chinese (國, 這);
	// many are also valid Japanese kanji (東, 語).
	Traditional
	// Japanese characters are Japanese-only forms: shinjitai and kokuji
	// that are absent from Chinese character sets (気, 駅, 込).
	Japanese
)

// String returns the name of c.
func (c Class) String() string {
	switch c {
	case Simplified:
		return "Simplified"
	case Traditional:
		return "Traditional"
	case Japanese:
		return "Japanese"
	}
	return "Neutral"
}

// Lookup returns the class of r.
func Lookup(r rune) Class {
	if r >= denseLo && r <= denseHi {
		i := r - denseLo
		return Class(dense[i/4]>>(2*(i%4))) & 3
	}
	if r < 0x20000 && (r < 0xF900 || r > 0xFAFF) {
		return Neutral
	}
	if i, ok := slices.BinarySearch(extraRunes, r); ok {
		return extraClasses[i]
	}
	return Neutral
}

// IsHan reports whether r is a Han character, including the iteration
// marks 々 and 〆 that Chinese and Japanese text use like ideographs.
func IsHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	if r < 0x2E80 {
		return false
	}
	return r == 0x3005 || r == 0x3006 || unicode.Is(unicode.Han, r) && r != 0x3007 && !(r >= 0x2E80 && r <= 0x2FDF)
}
