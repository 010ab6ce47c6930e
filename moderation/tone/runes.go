package tone

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// runeSet is a set of the runes of the Basic Multilingual Plane, one bit
// each, for properties the scorer asks of every character: a bit test
// instead of a search through the unicode package's range tables.
type runeSet [0x10000 / 64]uint64

func newRuneSet(in func(rune) bool) *runeSet {
	s := new(runeSet)
	for r := rune(0); r < 0x10000; r++ {
		if in(r) {
			s[r>>6] |= 1 << (r & 63)
		}
	}
	return s
}

// has reports whether r, which must be below 0x10000, is in s.
func (s *runeSet) has(r rune) bool { return s[r>>6]&(1<<(r&63)) != 0 }

var (
	// letterRunes are the BMP runes unicode.IsLetter accepts.
	letterRunes = newRuneSet(unicode.IsLetter)
	// casedRunes are the BMP runes unicode.ToLower changes.
	casedRunes = newRuneSet(func(r rune) bool { return unicode.ToLower(r) != r })
)

// isLetter is unicode.IsLetter.
func isLetter(r rune) bool {
	if uint32(r) < 0x10000 {
		return letterRunes.has(r)
	}
	return unicode.IsLetter(r)
}

// toLower is strings.ToLower for valid UTF-8. Text without characters
// that change, such as most Chinese text, is returned as is after one
// pass of bit tests; characters that do not change are copied without
// looking up their lower case.
func toLower(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if cased(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if cased(r) {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// cased reports whether unicode.ToLower changes r.
func cased(r rune) bool {
	if uint32(r) < 0x10000 {
		return casedRunes.has(r)
	}
	return unicode.ToLower(r) != r
}
