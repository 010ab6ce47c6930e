package textscan

import (
	"unicode"
	"unicode/utf8"
)

// entityEnd returns the end of the URL, e-mail address, domain name,
// @mention, #hashtag or sticker code that starts at text[i], an ASCII byte,
// or i if none starts there. prev is the rune before text[i].
func entityEnd(text string, i int, prev rune) int {
	c := text[i]
	switch {
	case c == '@':
		return mentionEnd(text, i+1)
	case c == '#':
		return hashtagEnd(text, i+1)
	case c == '[':
		return stickerEnd(text, i)
	case isAlnum(c) && !isAlnumRune(prev) && prev != '.' && prev != '_' && prev != '-':
		if hasPrefixFold(text[i:], "https://") || hasPrefixFold(text[i:], "http://") || hasPrefixFold(text[i:], "www.") {
			return urlEnd(text, i)
		}
		return addressEnd(text, i)
	}
	return i
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

func isAlnumRune(r rune) bool {
	return r < 0x80 && isAlnum(byte(r))
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// urlEnd returns the end of the URL at text[i]: printable ASCII up to a
// space, a quote, an angle bracket or any non-ASCII character.
func urlEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c <= ' ' || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`' {
			break
		}
		i++
	}
	return i
}

// addressEnd recognises an e-mail address (local@domain.tld) or a bare
// domain name with an optional path (xhslink.com/abc) at text[i].
func addressEnd(text string, i int) int {
	j := i
	for j < len(text) && (isAlnum(text[j]) || text[j] == '.' || text[j] == '_' || text[j] == '%' || text[j] == '+' || text[j] == '-') {
		j++
	}
	if j < len(text) && text[j] == '@' {
		if end, ok := domainEnd(text, j+1); ok && j > i {
			return end
		}
		return i
	}
	end, ok := domainEnd(text, i)
	if !ok || end > j {
		return i
	}
	if end < len(text) && text[end] == '/' {
		return urlEnd(text, end)
	}
	if commonTLD[lastLabel(text[i:end])] {
		return end
	}
	return i
}

// domainEnd returns the end of a domain name (labels of letters, digits and
// hyphens joined by dots, ending in an all-letter label of 2 to 24 letters)
// at text[i], and whether there is one.
func domainEnd(text string, i int) (int, bool) {
	end, labels, lastStart := i, 0, i
	j := i
	for {
		k := j
		for k < len(text) && (isAlnum(text[k]) || text[k] == '-') {
			k++
		}
		if k == j {
			break
		}
		labels++
		lastStart, end = j, k
		if k+1 < len(text) && text[k] == '.' && isAlnum(text[k+1]) {
			j = k + 1
			continue
		}
		break
	}
	if labels < 2 || end-lastStart < 2 || end-lastStart > 24 {
		return i, false
	}
	for k := lastStart; k < end; k++ {
		if c := text[k]; c < 'a' || c > 'z' {
			if c < 'A' || c > 'Z' {
				return i, false
			}
		}
	}
	return end, true
}

func lastLabel(domain string) string {
	for k := len(domain) - 1; k >= 0; k-- {
		if domain[k] == '.' {
			return domain[k+1:]
		}
	}
	return domain
}

// commonTLD lists top-level domains that mark a bare domain name without a
// path; a lower-case label is required so that "it.Thanks" stays text.
var commonTLD = map[string]bool{
	"com": true, "net": true, "org": true, "cn": true, "io": true, "co": true, "me": true, "app": true,
	"ly": true, "gg": true, "tv": true, "info": true, "edu": true, "gov": true, "uk": true, "jp": true,
	"kr": true, "tw": true, "hk": true, "us": true, "ru": true, "de": true, "fr": true, "ai": true,
	"xyz": true, "shop": true, "top": true, "cc": true, "biz": true, "link": true,
}

// mentionEnd returns the end of an @mention whose name starts at text[i]:
// letters, digits, marks, '_', '-' and inner dots. It returns i-1 (no
// entity) when no name follows the '@'.
func mentionEnd(text string, i int) int {
	end := nameEnd(text, i, true)
	if end == i {
		return i - 1
	}
	return end
}

// hashtagEnd returns the end of a hashtag whose name starts at text[i],
// including a Xiaohongshu topic suffix "[话题]#" or a closing '#' as in
// "#话题#". It returns i-1 when no name follows the '#'.
func hashtagEnd(text string, i int) int {
	end := nameEnd(text, i, false)
	if end == i {
		return i - 1
	}
	if end < len(text) && text[end] == '[' {
		if e := stickerEnd(text, end); e > end {
			end = e
		}
	}
	if end < len(text) && text[end] == '#' {
		end++
	}
	return end
}

func nameEnd(text string, i int, dots bool) int {
	end := i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		switch {
		case r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc):
		case dots && r == '.' && end+1 < len(text) && isAlnum(text[end+1]):
		default:
			return end
		}
		end += size
	}
	return end
}

// stickerEnd returns the end of a sticker or topic code such as "[赞R]",
// "[笑哭R]" or "[话题]" at text[i] ('['): one to eight CJK letters, an
// optional 'R', then ']'. It returns i when there is none.
func stickerEnd(text string, i int) int {
	j, n := i+1, 0
	for j < len(text) && n <= 8 {
		r, size := utf8.DecodeRuneInString(text[j:])
		if s, _ := classify(r); s != CJK {
			break
		}
		j += size
		n++
	}
	if n == 0 || n > 8 {
		return i
	}
	if j < len(text) && text[j] == 'R' {
		j++
	}
	if j < len(text) && text[j] == ']' {
		return j + 1
	}
	return i
}
