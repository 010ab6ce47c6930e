package normalize

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// class holds the properties of a character that the normaliser asks
// about, as bits, so the hot loops look them up once instead of walking
// Unicode range tables.
type class uint16

const (
	cLetter     class = 1 << iota // unicode.IsLetter
	cHanKana                      // Han, Hiragana or Katakana: written without spaces
	cConfusable                   // in the confusables table
	cInvisible                    // a character that renders as nothing
	cMark                         // a non-spacing mark
	cSoftSep                      // may be dropped between two Han characters
	cSep                          // may separate the letters of "f.u.c.k"
	cT2S                          // has a Simplified form
	cFolds                        // lower-casing changes it
	cDiacritic                    // a Latin, Greek or Cyrillic letter with a diacritic to strip
	cSplitFirst                   // first half of a split character pair
)

// tableSize covers the first two planes: the second holds the emoji and
// the mathematical and enclosed alphanumerics posts use.
const tableSize = 0x20000

var (
	classOnce  sync.Once
	classTable *[tableSize]class // the Basic and Supplementary Multilingual Planes, built on first use
)

func buildClasses() {
	t := new([tableSize]class)
	for r := rune(0); r < tableSize; r++ {
		t[r] = computeClass(r)
	}
	classTable = t
}

func computeClass(r rune) class {
	var c class
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			c |= cLetter
		}
		if 'A' <= r && r <= 'Z' {
			c |= cFolds
		}
		if asciiClass[r] == clsSep || r == '|' || r == '+' {
			c |= cSep
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '.' || r == '-' || r == '_' || r == '*' || r == '/' ||
			r == '\\' || r == '~' || r == '|' || r == '+' || r == '`' || r == '^' || r == '\'' || r == '"' {
			c |= cSoftSep
		}
		return c
	}
	if unicode.IsLetter(r) {
		c |= cLetter
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
		c |= cHanKana
	}
	if _, ok := lookupPair(confusableTable[:], r); ok {
		c |= cConfusable
	}
	if unicode.Is(unicode.Cf, r) || unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) {
		// Format characters, and the other characters that render as
		// nothing: the combining grapheme joiner, Hangul fillers,
		// variation selectors.
		c |= cInvisible
	}
	if unicode.Is(unicode.Mn, r) {
		c |= cMark
	}
	if unicode.IsSpace(r) || r == '·' || r == '•' || r == '・' || r == '～' {
		c |= cSoftSep
	}
	if unicode.IsSpace(r) || r == '·' || r == '•' || r == '・' || r == '、' || r == '。' || r == '，' || r == '～' {
		c |= cSep
	}
	if _, ok := lookupPair(t2sTable[:], r); ok {
		c |= cT2S
	}
	if r != utf8.RuneError && FoldRune(r) != r {
		c |= cFolds
	}
	if r <= 0x1FFF {
		if _, ok := diacritics[r]; ok {
			c |= cDiacritic
		}
	}
	for p := range splitPairs {
		if p[0] == r {
			c |= cSplitFirst
		}
	}
	return c
}

// classOf returns r's class.
func classOf(r rune) class {
	if uint32(r) < tableSize {
		classOnce.Do(buildClasses)
		return classTable[r]
	}
	if r > unicode.MaxRune {
		return 0
	}
	return computeClass(r)
}
