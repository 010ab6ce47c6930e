// Package textscan splits text into runs of letters of one writing system,
// skipping what carries no language: URLs, e-mail addresses, @mentions,
// #hashtags, sticker codes, emoji, digits, punctuation and symbols.
package textscan

import (
	"unicode"

	"github.com/feedguard/feedguard/langdetect/internal/hanzi"
)

// Script is the writing system of a run of letters. Han and kana share the
// CJK script because Japanese mixes them within words.
type Script uint8

// Scripts distinguished by the scanner.
const (
	None Script = iota // not a letter
	Latin
	Cyrillic
	Greek
	Armenian
	Georgian
	Hebrew
	Arabic
	Devanagari
	Bengali
	Gurmukhi
	Gujarati
	Tamil
	Telugu
	Thai
	Hangul
	CJK
	Other // letters of scripts no supported language uses
	NumScripts
)

var scriptNames = [NumScripts]string{"None", "Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Hebrew", "Arabic",
	"Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Telugu", "Thai", "Hangul", "CJK", "Other"}

// String returns the name of s.
func (s Script) String() string {
	if s < NumScripts {
		return scriptNames[s]
	}
	return "Script(?)"
}

// kind refines Script for CJK letters.
type kind uint8

const (
	kindOther kind = iota
	kindHan
	kindKana
)

// classify returns the script of letter r, or None if r is not a letter.
func classify(r rune) (Script, kind) {
	switch {
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return Latin, kindOther
		}
		return None, kindOther
	case r < 0x250:
		if unicode.IsLetter(r) {
			return Latin, kindOther
		}
		return None, kindOther
	case r >= 0x4E00 && r <= 0x9FFF:
		return CJK, kindHan
	case r >= 0xAC00 && r <= 0xD7AF:
		return Hangul, kindOther
	}
	if !unicode.IsLetter(r) {
		return None, kindOther
	}
	switch {
	case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
		return CJK, kindKana
	case r >= 0x3100 && r <= 0x312F, r >= 0x31A0 && r <= 0x31BF: // Bopomofo
		return CJK, kindOther
	case hanzi.IsHan(r):
		return CJK, kindHan
	case r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F, r >= 0xA960 && r <= 0xA97F, r >= 0xD7B0 && r <= 0xD7FF,
		r >= 0xFFA0 && r <= 0xFFDC:
		return Hangul, kindOther
	case r >= 0x0E00 && r <= 0x0E7F:
		return Thai, kindOther
	case r >= 0x0370 && r <= 0x03FF, r >= 0x1F00 && r <= 0x1FFF:
		return Greek, kindOther
	case r >= 0x0400 && r <= 0x052F, r >= 0x1C80 && r <= 0x1C8F, r >= 0x2DE0 && r <= 0x2DFF, r >= 0xA640 && r <= 0xA69F:
		return Cyrillic, kindOther
	case r >= 0x0530 && r <= 0x058F, r >= 0xFB13 && r <= 0xFB17:
		return Armenian, kindOther
	case r >= 0x0590 && r <= 0x05FF, r >= 0xFB1D && r <= 0xFB4F:
		return Hebrew, kindOther
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return Arabic, kindOther
	case r >= 0x0900 && r <= 0x097F:
		return Devanagari, kindOther
	case r >= 0x0980 && r <= 0x09FF:
		return Bengali, kindOther
	case r >= 0x0A00 && r <= 0x0A7F:
		return Gurmukhi, kindOther
	case r >= 0x0A80 && r <= 0x0AFF:
		return Gujarati, kindOther
	case r >= 0x0B80 && r <= 0x0BFF:
		return Tamil, kindOther
	case r >= 0x0C00 && r <= 0x0C7F:
		return Telugu, kindOther
	case r >= 0x10A0 && r <= 0x10FF, r >= 0x2D00 && r <= 0x2D2F, r >= 0x1C90 && r <= 0x1CBF:
		return Georgian, kindOther
	case r >= 0x1E00 && r <= 0x1EFF, r >= 0x2C60 && r <= 0x2C7F, r >= 0xA720 && r <= 0xA7FF,
		r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A, r >= 0x250 && r <= 0x2AF:
		return Latin, kindOther
	case unicode.Is(unicode.Latin, r):
		return Latin, kindOther
	case unicode.Is(unicode.Cyrillic, r):
		return Cyrillic, kindOther
	case unicode.Is(unicode.Arabic, r):
		return Arabic, kindOther
	}
	return Other, kindOther
}

// isJoiner reports whether r continues a word without being a letter:
// combining marks (Thai vowels, Arabic harakat, decomposed accents) and
// invisible format characters such as ZERO WIDTH SPACE and ZWJ.
func isJoiner(r rune) bool {
	if r < 0x300 {
		return r == 0xAD
	}
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me, unicode.Cf)
}
