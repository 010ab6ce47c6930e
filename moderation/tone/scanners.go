package tone

import (
	"strings"
	"unicode/utf8"
)

// Hand-written scanners for the simple patterns of the hot signals. Each
// finds exactly what its regular expression, kept in the comment and
// checked against it by the tests, finds with FindAllStringIndex on valid
// UTF-8; they only save the regular-expression machinery.

// Encodings of the characters the scanners look for.
const (
	fullQuestion = "？" // U+FF1F
	fullBang     = "！" // U+FF01
	ideoStop     = "。" // U+3002
	ideoComma    = "、" // U+3001
	fullParen    = "）" // U+FF09
	bullet       = "•" // U+2022
	middleDot    = "·" // U+00B7
	stepDi       = "第"
	stepBu       = "步"
)

// questionMarks finds [?？].
func questionMarks(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '?':
			out = append(out, [2]int{i, i + 1})
		case s[i] == fullQuestion[0] && strings.HasPrefix(s[i:], fullQuestion):
			out = append(out, [2]int{i, i + len(fullQuestion)})
			i += len(fullQuestion) - 1
		}
	}
	return out
}

// floodClass returns 1 for the characters of [!！?？], 2 for those of
// [.。] and 0 for others, with the character's length.
func floodClass(s string, i int) (class, size int) {
	switch c := s[i]; {
	case c == '!' || c == '?':
		return 1, 1
	case c == '.':
		return 2, 1
	case c == 0xEF && (strings.HasPrefix(s[i:], fullBang) || strings.HasPrefix(s[i:], fullQuestion)):
		return 1, 3
	case c == 0xE3 && strings.HasPrefix(s[i:], ideoStop):
		return 2, 3
	}
	return 0, 1
}

// punctuationFloods finds [!！?？]{3,}|[.。]{6,}: the two classes share no
// character, so a match is a whole run of one class that is long enough.
func punctuationFloods(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if c := s[i]; c != '!' && c != '?' && c != '.' && c != 0xEF && c != 0xE3 {
			i++ // class 0, as floodClass says
			continue
		}
		class, size := floodClass(s, i)
		if class == 0 {
			i += size
			continue
		}
		j, n := i+size, 1
		for j < len(s) {
			c, sz := floodClass(s, j)
			if c != class {
				break
			}
			j, n = j+sz, n+1
		}
		if class == 1 && n >= 3 || class == 2 && n >= 6 {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

// dismissiveEmoji finds 🙂|🙃 (U+1F642, U+1F643).
func dismissiveEmoji(s string) [][2]int {
	var out [][2]int
	const prefix = "\xF0\x9F\x99" // both encode as F0 9F 99 8x
	for i := 0; ; {
		j := strings.Index(s[i:], prefix)
		if j < 0 {
			return out
		}
		at := i + j
		if at+4 <= len(s) && (s[at+3] == 0x82 || s[at+3] == 0x83) {
			out = append(out, [2]int{at, at + 4})
			i = at + 4
			continue
		}
		i = at + 1
	}
}

// isSpaceRE reports whether c is in the \s class of Go regular
// expressions: [\t\n\f\r ].
func isSpaceRE(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// listItems finds the list items and steps at the start of a line:
//
//	(?m)^\s*(?:\d{1,2}[.、)）]|[-•·*]\s|[①-⑳]|第[一二三四五六七八九十]步|step \d)
//
// A match starts at a line start and runs over the spaces (newlines
// included) that follow it to the item. No item starts with a space, so
// where one line start fails, the line starts among its spaces fail too.
func listItems(s string) [][2]int {
	var out [][2]int
	for p := 0; p <= len(s); {
		q := p
		for q < len(s) && isSpaceRE(s[q]) {
			q++
		}
		from := p
		if e := listItemAt(s, q); e > 0 {
			out = append(out, [2]int{p, e})
			if s[e-1] == '\n' {
				p = e // the item ended with a newline: a line starts here
				continue
			}
			from = e
		}
		k := strings.IndexByte(s[from:], '\n')
		if k < 0 {
			break
		}
		p = from + k + 1
	}
	return out
}

// listItemAt returns the end of the list item at s[q:], or -1.
func listItemAt(s string, q int) int {
	if q >= len(s) {
		return -1
	}
	rest := s[q:]
	switch c := rest[0]; {
	case isDigit(c):
		if len(rest) > 1 && isDigit(rest[1]) {
			if n := listPunct(rest[2:]); n > 0 {
				return q + 2 + n
			}
		}
		if n := listPunct(rest[1:]); n > 0 {
			return q + 1 + n
		}
	case c == '-' || c == '*':
		if len(rest) > 1 && isSpaceRE(rest[1]) {
			return q + 2
		}
	case strings.HasPrefix(rest, bullet) || strings.HasPrefix(rest, middleDot):
		n := len(bullet)
		if rest[0] == middleDot[0] {
			n = len(middleDot)
		}
		if len(rest) > n && isSpaceRE(rest[n]) {
			return q + n + 1
		}
	case strings.HasPrefix(rest, stepDi):
		r, n := utf8.DecodeRuneInString(rest[len(stepDi):])
		if strings.ContainsRune("一二三四五六七八九十", r) && r != utf8.RuneError &&
			strings.HasPrefix(rest[len(stepDi)+n:], stepBu) {
			return q + len(stepDi) + n + len(stepBu)
		}
	case strings.HasPrefix(rest, "step "):
		if len(rest) > 5 && isDigit(rest[5]) {
			return q + 6
		}
	default:
		if r, n := utf8.DecodeRuneInString(rest); '①' <= r && r <= '⑳' {
			return q + n
		}
	}
	return -1
}

// listPunct returns the length of the [.、)）] at the start of s, or 0.
func listPunct(s string) int {
	switch {
	case s == "":
		return 0
	case s[0] == '.' || s[0] == ')':
		return 1
	case strings.HasPrefix(s, ideoComma):
		return len(ideoComma)
	case strings.HasPrefix(s, fullParen):
		return len(fullParen)
	}
	return 0
}

// tagSpans finds the hashtags, mentions and links that shouting leaves
// out:
//
//	[#@]\S+|(?i)https?://\S+|www\.\S+
//
// Every alternative starts with an ASCII character and runs to the next
// [\t\n\f\r ]. Case folding also lets the s of https be ſ (U+017F).
func tagSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		var body int // where the \S+ starts
		switch c := s[i] | 0x20; {
		case s[i] == '#' || s[i] == '@':
			body = i + 1
		case c == 'h':
			body = linkBody(s, i)
		case c == 'w':
			if i+4 <= len(s) && s[i+1]|0x20 == 'w' && s[i+2]|0x20 == 'w' && s[i+3] == '.' {
				body = i + 4
			}
		}
		if body == 0 || body >= len(s) || isSpaceRE(s[body]) {
			continue
		}
		j := body
		for j < len(s) && !isSpaceRE(s[j]) {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j - 1
	}
	return out
}

// linkBody returns where the rest of a link starting with http:// or
// https:// (in any case) at s[i:] starts, or 0.
func linkBody(s string, i int) int {
	const longS = "\u017F"
	if i+4 > len(s) || s[i+1]|0x20 != 't' || s[i+2]|0x20 != 't' || s[i+3]|0x20 != 'p' {
		return 0
	}
	j := i + 4
	switch {
	case j < len(s) && s[j]|0x20 == 's':
		j++
	case strings.HasPrefix(s[j:], longS):
		j += len(longS)
	}
	if !strings.HasPrefix(s[j:], "://") {
		return 0
	}
	return j + 3
}
